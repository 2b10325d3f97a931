package dev.itsm.request.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

@Schema(name = "RequestDecisionRequest", description = "An approver's decision comment (approve, reject)")
public record CommentRequest(
        @Schema(nullable = true, example = "Within the team's budget") @Size(max = 2000) String comment) {
}
