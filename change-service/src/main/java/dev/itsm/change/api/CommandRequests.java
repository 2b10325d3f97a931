package dev.itsm.change.api;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.change.request.CloseCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of the change commands. */
public final class CommandRequests {

    private CommandRequests() {
    }

    @Schema(name = "AssessRequest", description = "Answers to the configured risk questions (GET /api/v1/changes/risk-questions)")
    public record Assess(
            // a handful of questions are configured; the cap keeps a flood of invented ids out before they are judged
            @NotNull @Size(max = 100) @Schema(example = "{\"customerFacing\":true,\"untestedInStaging\":false,\"noBackout\":false,\"firstOfItsKind\":false}") Map<String, Boolean> answers) {
    }

    @Schema(name = "DecisionRequest")
    public record Decide(@Size(max = 2000) @Schema(example = "Backout plan verified in staging") String comment) {
    }

    @Schema(name = "ScheduleRequest", description = "Override conflicts (EMERGENCY changes or change managers) with a justification")
    public record Schedule(boolean override, @Size(max = 2000) String justification) {
    }

    @Schema(name = "CloseRequest")
    public record Close(@NotNull CloseCode closeCode, @Size(max = 5000) String notes) {
    }

    @Schema(name = "CancelRequest")
    public record Cancel(@NotBlank @Size(max = 2000) @Schema(example = "Superseded by CHG0000043") String reason) {
    }

    @Schema(name = "IncidentLinkRequest")
    public record LinkIncident(@NotNull UUID incidentId, @NotNull LinkRelation relation) {
    }

    /** How an incident relates to a change. */
    @Schema(name = "IncidentLinkRelation")
    public enum LinkRelation {
        /** The change caused the incident. */
        CAUSED_BY,
        /** The change resolves the incident. */
        RESOLVED_BY
    }
}
