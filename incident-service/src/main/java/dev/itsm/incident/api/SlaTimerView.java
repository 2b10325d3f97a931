package dev.itsm.incident.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.sla.SlaMetric;
import dev.itsm.incident.sla.SlaTimerReplica;

/** One SLA timer of the incident, in the timer's own vocabulary (the sla-service's), plus the older fields. */
@Schema(name = "IncidentSlaTimer", description = "One SLA timer of the incident (agreement × metric), as reported by "
        + "the sla-service; it fills in asynchronously after the incident is opened")
public record SlaTimerView(
        @Schema(type = SchemaType.STRING, format = "uuid", description = "The sla-service's timer id",
                example = "0b6c1a52-5c8e-4a8e-9f61-0d2b7e3c4a10") UUID timerId,
        @Schema(type = SchemaType.STRING, format = "uuid", example = "3f2e1d0c-9b8a-4766-8544-332211009988") UUID agreementId,
        @Schema(example = "Gold service desk SLA") String agreementName,
        @Schema(type = SchemaType.STRING, allOf = SlaMetric.class, example = "TIME_TO_RESOLVE") String metric,
        @Schema(example = "RUNNING") SlaTimerReplica.TimerState state,
        @Schema(description = "The target for the incident's current priority", example = "14400") Long targetSeconds,
        @Schema(example = "3600") Long elapsedBusinessSeconds,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true,
                description = "When the target is reached if the clock keeps running; null while paused") Instant dueAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true,
                description = "When the target was missed; null while it was not") Instant breachedAt,
        @Schema(deprecated = true, example = "WARNING", description = "Deprecated: use state (and breachedAt). The last "
                + "announcement about the timer: its state, or WARNING once a warning threshold was reached")
        SlaTimerReplica.Status status,
        @Schema(deprecated = true, description = "Deprecated: use breachedAt (not null once breached). True once the target "
                + "was missed, even if the timer later stopped") boolean breached,
        @Schema(type = SchemaType.STRING, format = "date-time", description = "When the last event about the timer happened")
        Instant updatedAt) {

    public static SlaTimerView of(SlaTimerReplica t) {
        return new SlaTimerView(t.timerId(), t.agreementId(), t.agreementName(), t.metric(), t.state(), t.targetSeconds(),
                t.elapsedBusinessSeconds(), t.dueAt(), t.breachedAt(), t.status(), t.breached(), t.lastEventAt());
    }
}
