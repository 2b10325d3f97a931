package dev.itsm.monitoring.rule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule as read: every field with its effective value, and who saved which version when. */
@Schema(name = "AlertRuleView", description = "An alert rule (one saved version of it)")
public record AlertRuleView(
        @Schema(required = true, format = "uuid") UUID id,
        @Schema(required = true, example = "Disk alerts of the web tier") String name,
        String description,
        @Schema(required = true, example = "10") int position,
        @Schema(required = true) boolean enabled,
        @Schema(required = true) List<RuleMatcher> matchers,
        @Schema(description = "null: label ci, else label instance without its :port") CiSelection ci,
        @Schema(format = "uuid") UUID serviceId,
        @Schema(required = true, example = "severity") String severityLabel,
        @Schema(required = true) Map<String, SeverityMapping> severities,
        String dedupKeyTemplate,
        @Schema(required = true) boolean autoResolve,
        @Schema(required = true, example = "PT5M", description = "ISO-8601 duration") String flapWindow,
        @Schema(required = true) boolean openIncident,
        @Schema(required = true, description = "Deleted rules classify nothing and are not listed") boolean deleted,
        @Schema(required = true, example = "3", description = "Bumped by every save; the ETag") long version,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt,
        @Schema(required = true, example = "alice") String createdBy,
        @Schema(required = true, example = "alice") String updatedBy) {

    /** The editable part, as a request (for merge patches). */
    AlertRuleRequest toRequest() {
        return new AlertRuleRequest(name, description, position, enabled, matchers, ci, serviceId, severityLabel,
                severities, dedupKeyTemplate, autoResolve, flapWindow, openIncident);
    }
}
