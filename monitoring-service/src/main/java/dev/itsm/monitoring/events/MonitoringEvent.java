package dev.itsm.monitoring.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.platform.events.DomainEvent;

/**
 * Facts published on {@code itsm.monitoring.events}. Alert events carry the alert's {@link AlertFacts} (flattened;
 * key and {@code ce_subject} = alertId). Group events — and {@link AlertCorrelated}, which nests the alert — carry the
 * group's {@link AlertGroupFacts} (flattened; key and {@code ce_subject} = groupId), so one group's events stay in
 * order for incident-service.
 */
public sealed interface MonitoringEvent extends DomainEvent {

    /** An event about one alert. */
    sealed interface AlertEvent extends MonitoringEvent {

        AlertFacts facts();

        @Override
        default String aggregateId() {
            return facts().alertId().toString();
        }

        @Override
        default Instant occurredAt() {
            return facts().occurredAt();
        }

        @Override
        default String aggregateType() {
            return "Alert";
        }
    }

    /** An event about an alert group. */
    sealed interface GroupEvent extends MonitoringEvent {

        AlertGroupFacts facts();

        @Override
        default String aggregateId() {
            return facts().groupId().toString();
        }

        @Override
        default Instant occurredAt() {
            return facts().occurredAt();
        }

        @Override
        default String aggregateType() {
            return "AlertGroup";
        }
    }

    /** A new alert, or ({@code refired}) a resolved one firing again within its flap window. */
    record AlertRaised(@JsonUnwrapped AlertFacts facts, boolean refired) implements AlertEvent {
    }

    /** The alert fired again {@code repeats} times in one processing batch (one event per alert per batch). */
    record AlertDeduplicated(@JsonUnwrapped AlertFacts facts, int repeats) implements AlertEvent {
    }

    /** The alert opens no incident for now; {@code suppression} says why and until when. */
    record AlertSuppressed(@JsonUnwrapped AlertFacts facts) implements AlertEvent {
    }

    /** The suppression was lifted (by a person, or its window or expiry passed). */
    record AlertUnsuppressed(@JsonUnwrapped AlertFacts facts) implements AlertEvent {
    }

    record AlertAcknowledged(@JsonUnwrapped AlertFacts facts, String note) implements AlertEvent {
    }

    record AlertResolved(@JsonUnwrapped AlertFacts facts) implements AlertEvent {
    }

    /** The alert joined the group; {@code rootChanged}: the alert's CI became the group's root. */
    record AlertCorrelated(@JsonUnwrapped AlertGroupFacts facts, AlertFacts alert, boolean rootChanged)
            implements GroupEvent {
    }

    /** {@code description}: the first alert's description (or summary), for the incident. */
    record AlertGroupOpened(@JsonUnwrapped AlertGroupFacts facts, String description) implements GroupEvent {
    }

    /** A resolved group took an alert again within the reopen window. */
    record AlertGroupReopened(@JsonUnwrapped AlertGroupFacts facts, String description, String reason)
            implements GroupEvent {
    }

    /** Every alert of the group stayed clear for the flap window. */
    record AlertGroupResolved(@JsonUnwrapped AlertGroupFacts facts, String description, String resolutionNote)
            implements GroupEvent {
    }
}
