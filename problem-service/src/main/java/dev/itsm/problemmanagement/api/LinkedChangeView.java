package dev.itsm.problemmanagement.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.problemmanagement.ChangeRelation;

@Schema(name = "ProblemChangeView", description = "A change linked to the problem, with its state as the replica knows it")
public record LinkedChangeView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d") UUID changeId,
        ChangeRelation relation,
        @Schema(nullable = true, example = "CHG0001042") String number,
        @Schema(nullable = true, example = "Raise the payment gateway connection pool to 50") String title,
        @Schema(nullable = true, description = "The change's state in change-service (from its events)", example = "IMPLEMENT") String state,
        @Schema(description = "Whether the change was implemented") boolean implemented,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant linkedAt,
        @Schema(example = "carol") String linkedBy) {
}
