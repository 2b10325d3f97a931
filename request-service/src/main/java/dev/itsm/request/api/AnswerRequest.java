package dev.itsm.request.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "RequestAnswerRequest", description = "The requester's answer (provide-info)")
public record AnswerRequest(
        @Schema(example = "Building B, 3rd floor reception") @NotBlank @Size(max = 2000) String answer) {
}
