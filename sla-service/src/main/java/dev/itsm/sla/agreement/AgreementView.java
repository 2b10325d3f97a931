package dev.itsm.sla.agreement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agreement (one revision) as the API shows it. */
@Schema(name = "AgreementView")
public record AgreementView(
        UUID id,
        String name,
        AgreementType type,
        @Schema(description = "Which records it times: INCIDENT or REQUEST") dev.itsm.sla.timer.RecordKind recordKind,
        String supplier,
        @Schema(description = "Lifecycle: ACTIVE agreements start timers, RETIRED ones do not") AgreementStatus state,
        @Schema(description = "Deprecated: the same value as `state` (kept for existing clients)", deprecated = true) AgreementStatus status,
        @Schema(description = "Revision number; every change makes a new one, open timers keep theirs") int revision,
        AgreementDefinition.Scope scope,
        AgreementDefinition.AppliesTo appliesTo,
        UUID calendarId,
        List<TargetView> targets,
        AgreementDefinition.PauseConditions pauseConditions,
        List<Integer> warningThresholds,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    @Schema(name = "AgreementTargetView")
    public record TargetView(dev.itsm.sla.timer.Metric metric,
            @Schema(description = "The priority it applies to; null in a REQUEST agreement") Priority priority,
            @Schema(example = "PT4H") String duration, @Schema(example = "14400") long targetSeconds) {
    }
}
