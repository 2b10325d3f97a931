package dev.itsm.monitoring.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a rule finds the CI an alert is about. */
@Schema(name = "CiSelection", description = "LABEL: the label's value is the CI's name or id (else default); FIXED: "
        + "always `name`; LOOKUP: table[labels[label]], else default")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CiSelection(
        @Schema(required = true) CiSelectionFrom from,
        @Schema(description = "The label read by LABEL and LOOKUP", example = "instance") String label,
        @Schema(description = "The CI of FIXED (name or id)", example = "payments-db") String name,
        @Schema(description = "LOOKUP: label value → CI name or id", example = "{\"10.0.0.5:9100\":\"web-01\"}")
        Map<String, String> table,
        @JsonProperty("default")
        @Schema(description = "The CI when the label is missing or not in the table", example = "unknown-host")
        String defaultCi) {
}
