package dev.itsm.sla.events;

import java.time.Instant;
import java.util.UUID;

import dev.itsm.platform.events.DomainEvent;
import dev.itsm.sla.timer.Metric;
import dev.itsm.sla.timer.TimerState;

/**
 * Facts about SLA timers, published on {@code itsm.sla.events} keyed by incident id. Every payload
 * carries the timer's full current facts.
 */
public sealed interface SlaEvent extends DomainEvent {

    UUID timerId();

    UUID incidentId();

    @Override
    default String aggregateId() {
        return incidentId().toString();
    }

    @Override
    default String aggregateType() {
        return "SlaTimer";
    }

    /** The common facts of a timer at the moment of an event. */
    record Facts(UUID timerId, UUID incidentId, UUID agreementId, String agreementName, Metric metric, String priority,
            TimerState state, long targetSeconds, long elapsedBusinessSeconds, Instant dueAt, Instant occurredAt) {
    }

    record SlaTimerStarted(UUID timerId, UUID incidentId, UUID agreementId, String agreementName, Metric metric,
            String priority, TimerState state, long targetSeconds, long elapsedBusinessSeconds, Instant dueAt,
            Instant occurredAt) implements SlaEvent {
        public SlaTimerStarted(Facts f) {
            this(f.timerId(), f.incidentId(), f.agreementId(), f.agreementName(), f.metric(), f.priority(), f.state(),
                    f.targetSeconds(), f.elapsedBusinessSeconds(), f.dueAt(), f.occurredAt());
        }
    }

    record SlaTimerPaused(UUID timerId, UUID incidentId, UUID agreementId, String agreementName, Metric metric,
            String priority, TimerState state, long targetSeconds, long elapsedBusinessSeconds, Instant dueAt,
            Instant occurredAt) implements SlaEvent {
        public SlaTimerPaused(Facts f) {
            this(f.timerId(), f.incidentId(), f.agreementId(), f.agreementName(), f.metric(), f.priority(), f.state(),
                    f.targetSeconds(), f.elapsedBusinessSeconds(), f.dueAt(), f.occurredAt());
        }
    }

    record SlaTimerResumed(UUID timerId, UUID incidentId, UUID agreementId, String agreementName, Metric metric,
            String priority, TimerState state, long targetSeconds, long elapsedBusinessSeconds, Instant dueAt,
            Instant occurredAt) implements SlaEvent {
        public SlaTimerResumed(Facts f) {
            this(f.timerId(), f.incidentId(), f.agreementId(), f.agreementName(), f.metric(), f.priority(), f.state(),
                    f.targetSeconds(), f.elapsedBusinessSeconds(), f.dueAt(), f.occurredAt());
        }
    }

    record SlaWarning(UUID timerId, UUID incidentId, UUID agreementId, String agreementName, Metric metric,
            String priority, TimerState state, long targetSeconds, long elapsedBusinessSeconds, Instant dueAt,
            int thresholdPercent, Instant occurredAt) implements SlaEvent {
        public SlaWarning(Facts f, int thresholdPercent) {
            this(f.timerId(), f.incidentId(), f.agreementId(), f.agreementName(), f.metric(), f.priority(), f.state(),
                    f.targetSeconds(), f.elapsedBusinessSeconds(), f.dueAt(), thresholdPercent, f.occurredAt());
        }
    }

    record SlaBreached(UUID timerId, UUID incidentId, UUID agreementId, String agreementName, Metric metric,
            String priority, TimerState state, long targetSeconds, long elapsedBusinessSeconds, Instant dueAt,
            Instant occurredAt) implements SlaEvent {
        public SlaBreached(Facts f) {
            this(f.timerId(), f.incidentId(), f.agreementId(), f.agreementName(), f.metric(), f.priority(), f.state(),
                    f.targetSeconds(), f.elapsedBusinessSeconds(), f.dueAt(), f.occurredAt());
        }
    }

    record SlaMet(UUID timerId, UUID incidentId, UUID agreementId, String agreementName, Metric metric,
            String priority, TimerState state, long targetSeconds, long elapsedBusinessSeconds, Instant dueAt,
            Instant occurredAt) implements SlaEvent {
        public SlaMet(Facts f) {
            this(f.timerId(), f.incidentId(), f.agreementId(), f.agreementName(), f.metric(), f.priority(), f.state(),
                    f.targetSeconds(), f.elapsedBusinessSeconds(), f.dueAt(), f.occurredAt());
        }
    }

    record SlaTimerCanceled(UUID timerId, UUID incidentId, UUID agreementId, String agreementName, Metric metric,
            String priority, TimerState state, long targetSeconds, long elapsedBusinessSeconds, Instant dueAt,
            Instant occurredAt) implements SlaEvent {
        public SlaTimerCanceled(Facts f) {
            this(f.timerId(), f.incidentId(), f.agreementId(), f.agreementName(), f.metric(), f.priority(), f.state(),
                    f.targetSeconds(), f.elapsedBusinessSeconds(), f.dueAt(), f.occurredAt());
        }
    }
}
