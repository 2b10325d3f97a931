package dev.itsm.problemmanagement.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ProblemIncidentView", description = "An incident linked to the problem, with its state as the replica knows it")
public record LinkedIncidentView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11") UUID incidentId,
        @Schema(nullable = true, example = "INC0001001") String number,
        @Schema(nullable = true, example = "Checkout fails with HTTP 502") String title,
        @Schema(nullable = true, description = "The incident's state in incident-service (from its events)", example = "IN_PROGRESS") String state,
        @Schema(nullable = true, example = "P2") String priority,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true) UUID serviceId,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true) UUID ciId,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant openedAt,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant linkedAt,
        @Schema(description = "Who linked it ('problem-service' when linked automatically)", example = "alice") String linkedBy) {
}
