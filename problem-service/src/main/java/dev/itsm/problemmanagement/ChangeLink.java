package dev.itsm.problemmanagement;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A change linked to a problem (a row of {@code problem_change}): the FIX it follows, or RELATED. */
@Embeddable
public class ChangeLink {

    @Column(name = "change_id")
    private UUID changeId;
    @Enumerated(EnumType.STRING)
    private ChangeRelation relation;
    @Column(name = "linked_at")
    private Instant linkedAt;
    @Column(name = "linked_by")
    private String linkedBy;

    protected ChangeLink() {
        // for JPA
    }

    ChangeLink(UUID changeId, ChangeRelation relation, Instant linkedAt, String linkedBy) {
        this.changeId = changeId;
        this.relation = relation;
        this.linkedAt = linkedAt;
        this.linkedBy = linkedBy;
    }

    public UUID changeId() { return changeId; }
    public ChangeRelation relation() { return relation; }
    public Instant linkedAt() { return linkedAt; }
    public String linkedBy() { return linkedBy; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeLink other && Objects.equals(changeId, other.changeId) && relation == other.relation
                && Objects.equals(linkedAt, other.linkedAt) && Objects.equals(linkedBy, other.linkedBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(changeId, relation, linkedAt, linkedBy);
    }
}
