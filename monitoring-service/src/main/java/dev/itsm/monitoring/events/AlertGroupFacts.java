package dev.itsm.monitoring.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.monitoring.GroupState;

/** The full current facts of an alert group that every group event carries (flattened). */
public record AlertGroupFacts(
        UUID groupId,
        String number,
        String title,
        UUID rootCiId,
        String rootCiName,
        List<UUID> serviceIds,
        boolean major,
        GroupState state,
        String severity,
        String impact,
        String urgency,
        int alertCount,
        int firingCount,
        boolean autoResolve,
        boolean openIncident,
        Instant openedAt,
        Instant lastAlertAt,
        Instant resolvedAt,
        int reopenCount,
        long version,
        Instant occurredAt) {
}
