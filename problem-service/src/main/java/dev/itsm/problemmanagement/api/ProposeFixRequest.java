package dev.itsm.problemmanagement.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;

@Schema(name = "ProblemProposeFixRequest", description = "The change (from change-service) that fixes the problem")
public record ProposeFixRequest(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d") @NotNull UUID changeId) {
}
