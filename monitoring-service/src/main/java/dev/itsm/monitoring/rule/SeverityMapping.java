package dev.itsm.monitoring.rule;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The impact and urgency an alert of some severity gives its incident. */
@Schema(name = "SeverityMapping", description = "Impact and urgency (HIGH, MEDIUM or LOW) for one severity")
public record SeverityMapping(
        @Schema(required = true, enumeration = { "HIGH", "MEDIUM", "LOW" }, example = "HIGH") String impact,
        @Schema(required = true, enumeration = { "HIGH", "MEDIUM", "LOW" }, example = "MEDIUM") String urgency) {
}
