package dev.itsm.monitoring.rule;

import java.time.Duration;
import java.util.UUID;

/**
 * What the alert rules make of one alert.
 *
 * @param ruleId      null = the default rule
 * @param ruleVersion null = the default rule
 * @param impact      HIGH, MEDIUM or LOW
 * @param urgency     HIGH, MEDIUM or LOW
 * @param serviceId   the rule's fixed service (overrides the CI's); may be null
 */
public record Classification(UUID ruleId, Long ruleVersion, String ruleName, String dedupKey, String severity,
        String impact, String urgency, CiRef ci, UUID serviceId, boolean autoResolve, Duration flapWindow,
        boolean openIncident) {
}
