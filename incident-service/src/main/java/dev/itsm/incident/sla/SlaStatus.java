package dev.itsm.incident.sla;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;
    @Id
    public String metric;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    /** Once breached, stays true even when the timer is later paused, resumed or met. */
    public boolean breached;
    @Column(name = "timer_id")
    public String timerId;
    @Column(name = "agreement_id")
    public String agreementId;
    @Column(name = "agreement_name")
    public String agreementName;
    @Column(name = "target_seconds")
    public Long targetSeconds;
    @Column(name = "elapsed_business_seconds")
    public Long elapsedBusinessSeconds;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "last_event_at")
    public Instant lastEventAt;

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
