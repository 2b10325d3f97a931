package dev.itsm.problemmanagement.replica;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Replica of an incident, fed by every {@code Incident*} event on {@code itsm.incident.events}. Problems link
 * incidents known here, reopen on a matching one, and the candidate detector counts them.
 */
@Entity
@Table(name = "incident_replica")
public class IncidentReplica extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    private UUID incidentId;
    private String number;
    private String title;
    private String state;
    private String priority;
    @Column(name = "service_id")
    private UUID serviceId;
    @Column(name = "ci_id")
    private UUID ciId;
    @Column(name = "opened_at")
    private Instant openedAt;
    /** occurredAt of the newest event applied (older ones are ignored). */
    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected IncidentReplica() {
        // for JPA
    }

    /** The replica of an incident, or a new, empty one (not persisted). */
    public static IncidentReplica replicaOf(UUID incidentId) {
        IncidentReplica r = findById(incidentId);
        if (r == null) {
            r = new IncidentReplica();
            r.incidentId = incidentId;
        }
        return r;
    }

    /** True while no event has been applied: a new replica, not yet in the table. */
    public boolean isNew() {
        return occurredAt == null;
    }

    /**
     * Takes the facts of an event that happened at {@code at}; false (and no change) when the replica has a newer
     * one. Incident events carry the incident's full facts, so {@code serviceId} and {@code ciId} are taken as they
     * come (an incident may lose its CI); the handler passes the replica's own value for a field the payload lacks.
     * A missing number, title, state or priority keeps what the replica had; {@code openedAt} defaults to the
     * event's time for an incident first seen through an event that does not carry it.
     */
    public boolean replicate(String number, String title, String state, String priority, UUID serviceId, UUID ciId,
            Instant openedAt, Instant at) {
        if (occurredAt != null && occurredAt.isAfter(at)) {
            return false;
        }
        this.number = number != null ? number : this.number;
        this.title = title != null ? title : this.title;
        this.state = state != null ? state : this.state != null ? this.state : "NEW";
        this.priority = priority != null ? priority : this.priority;
        this.serviceId = serviceId;
        this.ciId = ciId;
        this.openedAt = openedAt != null ? openedAt : this.openedAt != null ? this.openedAt : at;
        this.occurredAt = at;
        return true;
    }

    public UUID incidentId() { return incidentId; }
    public String number() { return number; }
    public String title() { return title; }
    public String state() { return state; }
    public String priority() { return priority; }
    public UUID serviceId() { return serviceId; }
    public UUID ciId() { return ciId; }
    public Instant openedAt() { return openedAt; }
    public Instant occurredAt() { return occurredAt; }
}
