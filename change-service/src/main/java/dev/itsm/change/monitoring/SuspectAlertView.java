package dev.itsm.change.monitoring;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An alert suppressed inside the change's window, as monitoring-service last reported it. */
@Schema(name = "SuspectAlertView", description = "An alert monitoring-service suppressed because it fired on a CI or "
        + "service of this change during its planned window: a suspect of the change")
public record SuspectAlertView(
        @Schema(description = "The alert (monitoring-service)", format = "uuid",
                example = "0b7e6a52-3c1d-4f0e-9a8b-7c6d5e4f3a2b") UUID alertId,
        @Schema(description = "The alert's number", example = "ALT0000042") String number,
        @Schema(description = "What fired (alertname)", example = "HighErrorRate") String name,
        @Schema(description = "The alert's severity, lower-case", example = "critical") String severity,
        @Schema(description = "The CI it fired on, if known", format = "uuid",
                example = "5d6e7f80-9a1b-4c2d-8e3f-405162738495") UUID ciId,
        @Schema(description = "The CI's name", example = "db-01") String ciName,
        @Schema(description = "When monitoring-service suppressed it for this change",
                example = "2026-12-02T01:15:00Z") Instant suppressedAt,
        @Schema(description = "The alert's state as last reported (FIRING, RESOLVED)", example = "FIRING") String state) {

    static SuspectAlertView of(SuspectAlert a) {
        return new SuspectAlertView(a.alertId(), a.number(), a.name(), a.severity(), a.ciId(), a.ciName(),
                a.suppressedAt(), a.state());
    }
}
