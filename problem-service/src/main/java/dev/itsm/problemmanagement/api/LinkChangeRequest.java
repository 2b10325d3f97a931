package dev.itsm.problemmanagement.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.problemmanagement.ChangeRelation;
import jakarta.validation.constraints.NotNull;

@Schema(name = "ProblemChangeLinkRequest", description = "A related change (from change-service); the fix is proposed with propose-fix")
public record LinkChangeRequest(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d") @NotNull UUID changeId,
        @Schema(description = "Only RELATED here (FIX is propose-fix); defaults to RELATED", example = "RELATED") ChangeRelation relation) {
}
