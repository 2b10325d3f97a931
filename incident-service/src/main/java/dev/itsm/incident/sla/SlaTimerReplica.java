package dev.itsm.incident.sla;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One SLA timer of an incident (one per agreement × metric), as {@code itsm.sla.events} report it:
 * the incident's {@code sla[]} shows one entry per replica, keyed by the sla-service's timer id.
 */
@Entity
@Table(name = "incident_sla_timer")
public class SlaTimerReplica extends PanacheEntityBase {

    /** The timer's own state, in the sla-service's vocabulary. */
    @Schema(name = "IncidentSlaTimerState")
    public enum TimerState {
        RUNNING, PAUSED, MET, BREACHED, CANCELED
    }

    /**
     * The last announcement about the timer (the older view of {@code sla[]}): a timer state, or
     * WARNING once a warning threshold was announced.
     */
    @Schema(name = "IncidentSlaStatus")
    public enum Status {
        RUNNING, PAUSED, WARNING, BREACHED, MET, CANCELED
    }

    /**
     * What an SLA event says about the timer; a null value leaves the stored one as it is, except
     * {@code dueAt}, which the sla-service reports as null while the clock is paused.
     */
    public record Report(UUID incidentId, UUID agreementId, String agreementName, String metric, TimerState state,
            Long targetSeconds, Long elapsedBusinessSeconds, Instant dueAt) {
    }

    @Id
    @Column(name = "timer_id")
    private UUID timerId;
    @Column(name = "incident_id")
    private UUID incidentId;
    @Column(name = "agreement_id")
    private UUID agreementId;
    @Column(name = "agreement_name")
    private String agreementName;
    private String metric;
    @Enumerated(EnumType.STRING)
    private TimerState state;
    @Enumerated(EnumType.STRING)
    private Status status;
    /** Once breached, stays true even when the timer is later paused, resumed or met. */
    private boolean breached;
    @Column(name = "breached_at")
    private Instant breachedAt;
    @Column(name = "target_seconds")
    private Long targetSeconds;
    @Column(name = "elapsed_business_seconds")
    private Long elapsedBusinessSeconds;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "last_event_at")
    private Instant lastEventAt;

    protected SlaTimerReplica() {
        // for JPA
    }

    /** The stored replica of the timer, or a new one. */
    public static SlaTimerReplica of(UUID timerId) {
        SlaTimerReplica t = findById(timerId);
        if (t == null) {
            t = new SlaTimerReplica();
            t.timerId = timerId;
        }
        return t;
    }

    /**
     * Takes what an event reported at {@code at}; {@code announced} is the status it stands for, or
     * null when it announces nothing new (a re-target keeps the last announcement). Returns true when
     * this makes the timer breached (it was not). An event older than the stored one changes nothing,
     * so a late copy cannot roll the timer back.
     */
    public boolean report(Status announced, Report r, Instant at) {
        if (lastEventAt != null && lastEventAt.isAfter(at)) {
            return false;
        }
        incidentId = r.incidentId();
        metric = r.metric();
        state = r.state() != null ? r.state() : state != null ? state : stateOf(announced);
        status = announced != null ? announced : status != null ? status : Status.valueOf(state.name());
        agreementId = r.agreementId() != null ? r.agreementId() : agreementId;
        agreementName = r.agreementName() != null ? r.agreementName() : agreementName;
        targetSeconds = r.targetSeconds() != null ? r.targetSeconds() : targetSeconds;
        elapsedBusinessSeconds = r.elapsedBusinessSeconds() != null ? r.elapsedBusinessSeconds() : elapsedBusinessSeconds;
        dueAt = r.dueAt();
        lastEventAt = at;
        boolean newlyBreached = !breached && (status == Status.BREACHED || state == TimerState.BREACHED);
        if (newlyBreached) {
            breached = true;
            // as the sla-service dates a breach: the due time when it has passed, else when it was found
            breachedAt = dueAt != null && !dueAt.isAfter(at) ? dueAt : at;
        }
        return newlyBreached;
    }

    private static TimerState stateOf(Status announced) {
        return announced == null || announced == Status.WARNING ? TimerState.RUNNING : TimerState.valueOf(announced.name());
    }

    public UUID timerId() { return timerId; }
    public UUID incidentId() { return incidentId; }
    public UUID agreementId() { return agreementId; }
    public String agreementName() { return agreementName; }
    public String metric() { return metric; }
    public TimerState state() { return state; }
    public Status status() { return status; }
    public boolean breached() { return breached; }
    public Instant breachedAt() { return breachedAt; }
    public Long targetSeconds() { return targetSeconds; }
    public Long elapsedBusinessSeconds() { return elapsedBusinessSeconds; }
    public Instant dueAt() { return dueAt; }
    public Instant lastEventAt() { return lastEventAt; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaTimerReplica other && timerId != null && timerId.equals(other.timerId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(timerId);
    }
}
