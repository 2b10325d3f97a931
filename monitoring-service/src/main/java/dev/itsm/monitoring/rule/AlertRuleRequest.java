package dev.itsm.monitoring.rule;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule as created or replaced (PUT); what is absent takes its default. */
@Schema(name = "AlertRuleRequest", description = "An alert rule. The first enabled rule (by position, then name) whose "
        + "matchers all hold classifies an alert; none → the default rule.")
public record AlertRuleRequest(
        @NotBlank @Size(max = 200) @Schema(description = "Unique among rules not deleted", required = true,
                example = "Disk alerts of the web tier") String name,
        @Size(max = 2000) @Schema(description = "What the rule is for") String description,
        @NotNull @Schema(description = "Lower first; ties by name", required = true, example = "10") Integer position,
        @Schema(description = "Default true") Boolean enabled,
        @Size(max = 50) @Schema(description = "All must hold; none = every alert") List<@Valid @NotNull RuleMatcher> matchers,
        @Valid @Schema(description = "Default: label ci, else label instance without its :port") CiSelection ci,
        @Schema(description = "A fixed service (overrides the CI's services)", format = "uuid") UUID serviceId,
        @Size(max = 100) @Schema(description = "The label holding the severity; default severity", example = "severity")
        String severityLabel,
        @Schema(description = "severity → impact/urgency, over the defaults critical→HIGH/HIGH, major→HIGH/MEDIUM, "
                + "warning→MEDIUM/MEDIUM, minor→LOW/MEDIUM, info→LOW/LOW (unknown severities MEDIUM/MEDIUM)")
        Map<String, @Valid @NotNull SeverityMapping> severities,
        @Size(max = 500) @Schema(description = "{{label}} placeholders (unknown → empty); default: the alert's "
                + "fingerprint, or for an event without one a hash of source and labels", example = "{{alertname}}/{{instance}}")
        String dedupKeyTemplate,
        @Schema(description = "Resolve the group's incident when its alerts clear; default true") Boolean autoResolve,
        @Schema(description = "ISO-8601 duration, PT0S..PT24H, default PT5M: a re-fire within it is the same alert",
                example = "PT5M") String flapWindow,
        @Schema(description = "Default true; false = record and correlate, never an incident (e.g. info alerts)")
        Boolean openIncident) {
}
