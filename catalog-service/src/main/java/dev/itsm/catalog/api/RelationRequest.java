package dev.itsm.catalog.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.ci.RelationType;
import dev.itsm.catalog.ci.TargetType;
import jakarta.validation.constraints.NotNull;

@Schema(name = "RelationRequest", description = "This CI <relation> the target (a CI or a service)")
public record RelationRequest(
        @Schema(example = "runs_on") @NotNull RelationType relation,
        @Schema(example = "CI") @NotNull TargetType targetType,
        @NotNull UUID targetId) {
}
