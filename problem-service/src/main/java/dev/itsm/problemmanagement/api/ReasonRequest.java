package dev.itsm.problemmanagement.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "ProblemReasonRequest", description = "Why (reopen, cancel)")
public record ReasonRequest(
        @Schema(example = "The error is back after the fix") @NotBlank @Size(max = 2000) String reason) {
}
