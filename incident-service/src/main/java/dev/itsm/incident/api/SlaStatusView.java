package dev.itsm.incident.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.sla.SlaStatus;

@Schema(name = "SlaStatus", description = "SLA status of one metric, as reported by the sla-service")
public record SlaStatusView(
        @Schema(example = "TIME_TO_RESOLVE") String metric,
        @Schema(example = "WARNING") SlaStatus.Status status,
        @Schema(description = "True once the target was missed, even if the timer later stopped") boolean breached,
        Instant dueAt,
        String agreementName,
        Long targetSeconds,
        Long elapsedBusinessSeconds,
        Instant updatedAt) {

    public static SlaStatusView of(SlaStatus s) {
        return new SlaStatusView(s.metric(), s.status(), s.breached(), s.dueAt(), s.agreementName(), s.targetSeconds(),
                s.elapsedBusinessSeconds(), s.lastEventAt());
    }
}
