package dev.itsm.problemmanagement.replica;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Replica of a change, fed by {@code Change*} events on {@code itsm.change.events}: a fix proposed for a problem
 * must name a change known here, and the problem follows its state.
 */
@Entity
@Table(name = "change_replica")
public class ChangeReplica extends PanacheEntityBase {

    @Id
    @Column(name = "change_id")
    private UUID changeId;
    private String number;
    private String title;
    private String state;
    /** ChangeImplemented was seen: the change stays "implemented" through REVIEW and CLOSED. */
    private boolean implemented;
    /** occurredAt of the newest event applied (older ones are ignored). */
    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected ChangeReplica() {
        // for JPA
    }

    /** The replica of a change, or a new, empty one (not persisted). */
    public static ChangeReplica replicaOf(UUID changeId) {
        ChangeReplica r = findById(changeId);
        if (r == null) {
            r = new ChangeReplica();
            r.changeId = changeId;
        }
        return r;
    }

    /**
     * Takes the facts of an event that happened at {@code at}; false (and no change) when the replica has a newer
     * one. {@code implemented} only ever turns on: once implemented, a change stays so.
     */
    public boolean replicate(String number, String title, String state, boolean implemented, Instant at) {
        if (occurredAt != null && occurredAt.isAfter(at)) {
            return false;
        }
        this.number = number != null ? number : this.number;
        this.title = title != null ? title : this.title;
        this.state = state != null ? state : this.state;
        this.implemented = this.implemented || implemented;
        this.occurredAt = at;
        return true;
    }

    public UUID changeId() { return changeId; }
    public String number() { return number; }
    public String title() { return title; }
    public String state() { return state; }
    public boolean implemented() { return implemented; }
    public Instant occurredAt() { return occurredAt; }
}
