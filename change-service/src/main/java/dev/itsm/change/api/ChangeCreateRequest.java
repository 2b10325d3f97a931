package dev.itsm.change.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.change.request.ChangeType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/changes}. */
@Schema(name = "ChangeCreateRequest")
public record ChangeCreateRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Upgrade PostgreSQL on db-prod-1 to 16.4") String title,
        @Size(max = 10000) String description,
        @Size(max = 10000) @Schema(description = "Why the change is needed") String justification,
        @NotNull @Schema(description = "STANDARD needs modelId") ChangeType type,
        @Schema(description = "Change model a STANDARD change instantiates") UUID modelId,
        @Size(max = 200) List<@NotNull UUID> serviceIds,
        @Size(max = 500) List<@NotNull UUID> ciIds,
        @Size(max = 20000) String implementationPlan,
        @Size(max = 20000) String backoutPlan,
        @Size(max = 20000) String testPlan,
        @Schema(example = "2026-12-05T22:00:00Z") Instant plannedStart,
        @Schema(example = "2026-12-05T23:30:00Z") Instant plannedEnd) {
}
