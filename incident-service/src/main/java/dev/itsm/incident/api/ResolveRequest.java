package dev.itsm.incident.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.ResolutionCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "ResolveIncidentRequest", description = "How normal service was restored")
public record ResolveRequest(
        @NotNull ResolutionCode resolutionCode,
        @Schema(example = "Failed over to the secondary payment gateway") @NotBlank @Size(max = 10000) String notes) {
}
