package dev.itsm.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the processor knows of an alert firing for the first time: the intake's alert as its rule classified it and
 * the CI/services the replica resolved. Keeps the entity free of the intake and rule types.
 */
public record NewAlert(String dedupKey, String fingerprint, String source, String sourceName, String name,
        String summary, String description, String severity, Map<String, String> labels,
        Map<String, String> annotations, String generatorUrl, UUID ruleId, Long ruleVersion, UUID ciId, String ciName,
        List<UUID> serviceIds, String impact, String urgency, Instant startsAt, boolean autoResolve,
        Duration flapWindow, boolean openIncident) {
}
