package dev.itsm.incident.sla;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The SLA status of one incident for one metric (TIME_TO_RESPOND, TIME_TO_RESOLVE), from {@code itsm.sla.events}. */
@Entity
@Table(name = "incident_sla_status")
@IdClass(SlaStatus.Key.class)
public class SlaStatus extends PanacheEntityBase {

    /** RUNNING, PAUSED, WARNING, BREACHED, MET, CANCELED. */
    public enum Status {
        RUNNING, PAUSED, WARNING, BREACHED, MET, CANCELED
    }

    /** What an SLA event reports about the timer; a null value leaves the stored one as it is. */
    public record Report(String timerId, String agreementId, String agreementName, Long targetSeconds,
            Long elapsedBusinessSeconds, Instant dueAt) {
    }

    @Id
    @Column(name = "incident_id")
    private UUID incidentId;
    @Id
    private String metric;
    @Enumerated(EnumType.STRING)
    private Status status;
    /** Once breached, stays true even when the timer is later paused, resumed or met. */
    private boolean breached;
    @Column(name = "timer_id")
    private String timerId;
    @Column(name = "agreement_id")
    private String agreementId;
    @Column(name = "agreement_name")
    private String agreementName;
    @Column(name = "target_seconds")
    private Long targetSeconds;
    @Column(name = "elapsed_business_seconds")
    private Long elapsedBusinessSeconds;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "last_event_at")
    private Instant lastEventAt;

    protected SlaStatus() {
        // for JPA
    }

    /** The stored status of the metric, or a new one. */
    public static SlaStatus of(UUID incidentId, String metric) {
        SlaStatus s = findById(new Key(incidentId, metric));
        if (s == null) {
            s = new SlaStatus();
            s.incidentId = incidentId;
            s.metric = metric;
        }
        return s;
    }

    /**
     * Takes the status an event reported at {@code at}; returns true when this makes the metric
     * breached (it was not). An event older than the stored status changes nothing.
     */
    public boolean report(Status next, Report r, Instant at) {
        if (lastEventAt != null && lastEventAt.isAfter(at)) {
            return false;
        }
        if (timerId != null && r.timerId() != null && !r.timerId().equals(timerId) && next == Status.RUNNING) {
            breached = false; // a new timer for the metric (e.g. after a reopen) starts with a clean record
        }
        boolean newlyBreached = next == Status.BREACHED && !breached;
        status = next;
        breached = breached || next == Status.BREACHED;
        timerId = r.timerId() != null ? r.timerId() : timerId;
        agreementId = r.agreementId() != null ? r.agreementId() : agreementId;
        agreementName = r.agreementName() != null ? r.agreementName() : agreementName;
        targetSeconds = r.targetSeconds() != null ? r.targetSeconds() : targetSeconds;
        elapsedBusinessSeconds = r.elapsedBusinessSeconds() != null ? r.elapsedBusinessSeconds() : elapsedBusinessSeconds;
        dueAt = r.dueAt() != null ? r.dueAt() : dueAt;
        lastEventAt = at;
        return newlyBreached;
    }

    public UUID incidentId() { return incidentId; }
    public String metric() { return metric; }
    public Status status() { return status; }
    public boolean breached() { return breached; }
    public String agreementName() { return agreementName; }
    public Long targetSeconds() { return targetSeconds; }
    public Long elapsedBusinessSeconds() { return elapsedBusinessSeconds; }
    public Instant dueAt() { return dueAt; }
    public Instant lastEventAt() { return lastEventAt; }

    public static class Key implements Serializable {
        public UUID incidentId;
        public String metric;

        public Key() {
        }

        public Key(UUID incidentId, String metric) {
            this.incidentId = incidentId;
            this.metric = metric;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(incidentId, k.incidentId) && Objects.equals(metric, k.metric);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incidentId, metric);
        }
    }
}
