package dev.itsm.monitoring.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One condition of a rule on a label of the alert. */
@Schema(name = "RuleMatcher", description = "A condition on one label; a missing label counts as empty. REGEX is "
        + "fully anchored, like Alertmanager's =~")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleMatcher(
        @Schema(description = "Label name", required = true, example = "alertname") String label,
        @Schema(required = true) MatcherOp op,
        @Schema(description = "Required for EQ, NEQ, REGEX, NOT_REGEX", example = "Disk.*") String value) {
}
