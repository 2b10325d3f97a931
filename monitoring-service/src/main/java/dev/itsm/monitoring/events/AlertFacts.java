package dev.itsm.monitoring.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.monitoring.AlertState;
import dev.itsm.monitoring.Suppression;

/** The full current facts of an alert that every alert event carries (flattened) and AlertCorrelated nests. */
public record AlertFacts(
        UUID alertId,
        String number,
        String dedupKey,
        String fingerprint,
        String source,
        String sourceName,
        String name,
        String summary,
        String severity,
        Map<String, String> labels,
        Map<String, String> annotations,
        UUID ciId,
        String ciName,
        List<UUID> serviceIds,
        String impact,
        String urgency,
        UUID ruleId,
        Long ruleVersion,
        AlertState state,
        Instant startsAt,
        Instant endsAt,
        Instant firstSeenAt,
        Instant lastSeenAt,
        long occurrences,
        int flapCount,
        UUID groupId,
        Suppression suppression,
        String acknowledgedBy,
        Instant acknowledgedAt,
        String unroutedReason,
        long version,
        Instant occurredAt) {
}
