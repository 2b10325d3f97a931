package dev.itsm.problemmanagement.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;

@Schema(name = "ProblemIncidentLinkRequest", description = "An incident (from incident-service) this problem explains")
public record LinkIncidentRequest(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11") @NotNull UUID incidentId) {
}
