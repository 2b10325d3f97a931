package dev.itsm.sla.incident;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The latest facts this service has seen about an incident (read model of itsm.incident.events). */
@Entity
@Table(name = "sla_incident")
public class SlaIncident extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    private UUID incidentId;
    private String number;
    @Column(name = "service_id")
    private UUID serviceId;
    private String category;
    private String priority;
    private String state;
    @Column(name = "hold_reason")
    private String holdReason;
    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;
    @Column(name = "last_event_at", nullable = false)
    private Instant lastEventAt;
    @Version
    private long version;

    protected SlaIncident() {
        // for JPA
    }

    /** The first event seen about an incident, whatever its type. */
    public static SlaIncident firstSeen(IncidentFacts f) {
        SlaIncident incident = new SlaIncident();
        incident.incidentId = f.incidentId();
        incident.openedAt = f.openedAt();
        incident.lastEventAt = f.occurredAt();
        incident.remember(f);
        return incident;
    }

    /** Whether {@code f} happened before the last event already applied (then it changes nothing). */
    public boolean isStale(IncidentFacts f) {
        return f.occurredAt().isBefore(lastEventAt);
    }

    /** Takes the facts of a later event (a field the event does not carry keeps its value). */
    public void apply(IncidentFacts f) {
        lastEventAt = f.occurredAt();
        remember(f);
    }

    private void remember(IncidentFacts f) {
        if (f.number() != null) {
            number = f.number();
        }
        if (f.serviceId() != null) {
            serviceId = f.serviceId();
        }
        if (f.category() != null) {
            category = f.category();
        }
        if (f.priority() != null) {
            priority = f.priority();
        }
        if (f.state() != null) {
            state = f.state();
        }
        if ("IncidentPutOnHold".equals(f.type())) {
            holdReason = f.holdReason();
        } else if (!"ON_HOLD".equals(state)) {
            holdReason = null;
        } else if (f.holdReason() != null) {
            holdReason = f.holdReason();
        }
    }

    /** Why clocks pause in the current state: {@code ON_HOLD:AWAITING_CALLER}, or the state itself. */
    public String pauseReason() {
        return "ON_HOLD".equals(state) && holdReason != null ? "ON_HOLD:" + holdReason : state;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String number() {
        return number;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String category() {
        return category;
    }

    public String priority() {
        return priority;
    }

    public String state() {
        return state;
    }

    public String holdReason() {
        return holdReason;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant lastEventAt() {
        return lastEventAt;
    }
}
