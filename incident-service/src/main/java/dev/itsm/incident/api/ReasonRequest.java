package dev.itsm.incident.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "IncidentReasonRequest", description = "Why (reopen, cancel)")
public record ReasonRequest(
        @Schema(example = "Caller reports the error again") @NotBlank @Size(max = 2000) String reason) {
}
