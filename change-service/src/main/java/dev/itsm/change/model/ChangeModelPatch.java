package dev.itsm.change.model;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented body of {@code PATCH /api/v1/changes/models/{id}}: every field optional, null clears it. */
@Schema(name = "ChangeModelPatch", description = "JSON merge patch of a change model: send only what changes; null clears a field")
public record ChangeModelPatch(
        @Schema(maxLength = 200, pattern = "\\S", example = "TLS certificate rotation") String name,
        @Schema(maxLength = 5000, nullable = true) String description,
        @Schema(maxLength = 20000, nullable = true) String implementationPlan,
        @Schema(maxLength = 20000, nullable = true) String backoutPlan,
        @Schema(maxLength = 20000, nullable = true) String testPlan,
        @Schema(maxItems = 500, nullable = true, description = "Empty = any service") List<UUID> allowedServiceIds,
        @Schema(maxItems = 500, nullable = true, description = "Empty = any CI") List<UUID> allowedCiIds,
        @Schema(description = "false deactivates the model: no new STANDARD changes from it") Boolean active) {
}
