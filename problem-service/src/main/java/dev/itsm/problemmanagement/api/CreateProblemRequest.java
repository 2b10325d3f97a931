package dev.itsm.problemmanagement.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.problemmanagement.Impact;
import dev.itsm.problemmanagement.Urgency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateProblemRequest", description = "Logs a problem: the services and/or CIs it affects (at least one), "
        + "and optionally the incidents it explains (each must be known to the incident replica and not linked to another problem)")
public record CreateProblemRequest(
        @Schema(example = "Checkout intermittently fails with HTTP 502") @NotBlank @Size(max = 200) String title,
        @Schema(example = "Three incidents this week on the payment gateway") @Size(max = 10000) String description,
        @Schema(description = "Affected services", example = "[\"3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01\"]")
        @Size(max = 100) List<@NotNull UUID> serviceIds,
        @Schema(description = "Affected configuration items", example = "[\"9b2d4c6e-1a3f-4e5d-8c7b-0a1b2c3d4e5f\"]")
        @Size(max = 100) List<@NotNull UUID> ciIds,
        @NotNull Impact impact,
        @NotNull Urgency urgency,
        @Schema(example = "payments-3rd-line") @Size(max = 200) String assignmentGroup,
        @Schema(example = "carol") @Size(max = 200) String assignee,
        @Schema(type = SchemaType.ARRAY, description = "Incidents to link at once (ids from incident-service)",
                example = "[\"7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11\"]")
        @Size(max = 500) List<@NotNull UUID> incidentIds) {
}
