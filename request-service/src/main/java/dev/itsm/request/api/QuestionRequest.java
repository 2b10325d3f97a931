package dev.itsm.request.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "RequestQuestionRequest", description = "What the requester is asked (request-info)")
public record QuestionRequest(
        @Schema(example = "Which building should the laptop be delivered to?") @NotBlank @Size(max = 2000) String question) {
}
