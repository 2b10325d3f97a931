package dev.itsm.sla.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.platform.events.DomainEvent;
import dev.itsm.sla.timer.Metric;
import dev.itsm.sla.timer.RecordKind;
import dev.itsm.sla.timer.TimerState;

/**
 * Facts about SLA timers, published on {@code itsm.sla.events} keyed by the timed record's id (the incident's, or
 * the service request's). Each payload is
 * the timer's {@link Facts} (flattened into the top level), the fields particular to the event, then
 * {@code occurredAt}.
 */
public sealed interface SlaEvent extends DomainEvent {

    /**
     * The common facts of a timer at the moment of an event. {@code incidentId} is the record id of an INCIDENT timer
     * (as before record kinds), null for any other kind; {@code priority} is null for a REQUEST timer.
     */
    record Facts(UUID timerId, UUID incidentId, RecordKind recordKind, UUID recordId, String recordNumber, UUID agreementId, String agreementName, Metric metric, String priority,
            TimerState state, long targetSeconds, long elapsedBusinessSeconds, Instant dueAt) {
    }

    Facts facts();

    @Override
    default String aggregateId() {
        return facts().recordId().toString();
    }

    @Override
    default String aggregateType() {
        return "SlaTimer";
    }

    record SlaTimerStarted(@JsonUnwrapped Facts facts, Instant occurredAt) implements SlaEvent {
    }

    record SlaTimerPaused(@JsonUnwrapped Facts facts, Instant occurredAt) implements SlaEvent {
    }

    record SlaTimerResumed(@JsonUnwrapped Facts facts, Instant occurredAt) implements SlaEvent {
    }

    record SlaWarning(@JsonUnwrapped Facts facts, int thresholdPercent, Instant occurredAt) implements SlaEvent {
    }

    record SlaBreached(@JsonUnwrapped Facts facts, Instant occurredAt) implements SlaEvent {
    }

    record SlaMet(@JsonUnwrapped Facts facts, Instant occurredAt) implements SlaEvent {
    }

    record SlaTimerCanceled(@JsonUnwrapped Facts facts, Instant occurredAt) implements SlaEvent {
    }

    /**
     * The incident's priority changed and the open timer took that priority's target: the facts carry the
     * new target and due time, the event what they replaced (the previous due time is null while paused).
     */
    record SlaTimerRetargeted(@JsonUnwrapped Facts facts, long previousTargetSeconds, Instant previousDueAt, Instant occurredAt)
            implements SlaEvent {
    }
}
