package dev.itsm.change.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented body of {@code PATCH /api/v1/changes/{id}} (JSON merge patch): every field
 * optional, a field sent as null clears it. The merge itself runs on the change's editable fields
 * ({@code ChangeEdit}), which carry the same caps.
 */
@Schema(name = "ChangePatch", description = "JSON merge patch of a change request: send only what changes; null clears a field. "
        + "From submission on only plannedStart and plannedEnd may change.")
public record ChangePatch(
        @Schema(maxLength = 200, pattern = "\\S", example = "Upgrade PostgreSQL on db-prod-1 to 16.5") String title,
        @Schema(maxLength = 10000, nullable = true) String description,
        @Schema(maxLength = 10000, nullable = true) String justification,
        @Schema(maxLength = 20000, nullable = true) String implementationPlan,
        @Schema(maxLength = 20000, nullable = true) String backoutPlan,
        @Schema(maxLength = 20000, nullable = true) String testPlan,
        @Schema(nullable = true, example = "2026-12-06T22:00:00Z") Instant plannedStart,
        @Schema(nullable = true, example = "2026-12-06T23:00:00Z") Instant plannedEnd,
        @Schema(maxItems = 200, nullable = true, description = "Catalog service ids (replaces the list)") List<UUID> serviceIds,
        @Schema(maxItems = 500, nullable = true, description = "Catalog CI ids (replaces the list)") List<UUID> ciIds) {
}
