package dev.itsm.monitoring.rule;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAPI shape of a merge patch on a rule (RFC 7396): every field optional, null clears an optional one. */
@Schema(name = "AlertRulePatch", description = "JSON merge patch of an AlertRuleRequest")
public record AlertRulePatch(
        @Schema(example = "Disk alerts of the web tier") String name,
        @Schema(nullable = true) String description,
        @Schema(example = "10") Integer position,
        Boolean enabled,
        List<RuleMatcher> matchers,
        @Schema(nullable = true) CiSelection ci,
        @Schema(nullable = true, format = "uuid") UUID serviceId,
        String severityLabel,
        Map<String, SeverityMapping> severities,
        @Schema(nullable = true) String dedupKeyTemplate,
        Boolean autoResolve,
        @Schema(example = "PT10M") String flapWindow,
        Boolean openIncident) {
}
