package dev.itsm.request.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "RequestReasonRequest", description = "Why (cancel a request, revoke a grant early)")
public record ReasonRequest(
        @Schema(example = "No longer needed") @NotBlank @Size(max = 2000) String reason) {
}
