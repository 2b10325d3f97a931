package dev.itsm.problemmanagement;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** An incident linked to a problem (a row of {@code problem_incident}); an incident belongs to one problem at most. */
@Embeddable
public class IncidentLink {

    @Column(name = "incident_id")
    private UUID incidentId;
    @Column(name = "linked_at")
    private Instant linkedAt;
    @Column(name = "linked_by")
    private String linkedBy;

    protected IncidentLink() {
        // for JPA
    }

    IncidentLink(UUID incidentId, Instant linkedAt, String linkedBy) {
        this.incidentId = incidentId;
        this.linkedAt = linkedAt;
        this.linkedBy = linkedBy;
    }

    public UUID incidentId() { return incidentId; }
    public Instant linkedAt() { return linkedAt; }
    public String linkedBy() { return linkedBy; }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentLink other && Objects.equals(incidentId, other.incidentId)
                && Objects.equals(linkedAt, other.linkedAt) && Objects.equals(linkedBy, other.linkedBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(incidentId, linkedAt, linkedBy);
    }
}
