package dev.itsm.catalog.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.ci.TargetType;

@Schema(name = "ImpactReport", description = "Everything that depends on a CI, transitively, each with the shortest path that reaches it")
public record ImpactReport(UUID ciId, String ciName,
        @Schema(description = "Impacted CIs matching the query, on every page") int impactedCiCount,
        @Schema(description = "Impacted services matching the query, on every page") int impactedServiceCount,
        @Schema(description = "Items matching the query, on every page") int total,
        @Schema(description = "This page (0-based)") int page,
        @Schema(description = "Page size asked for (1-500)") int size,
        @Schema(description = "True when later pages hold more items: this page is not the whole impact") boolean truncated,
        @Schema(description = "This page of the impacted items, nearest first") List<Impacted> items) {

    @Schema(name = "ImpactedItem")
    public record Impacted(TargetType type, UUID id, String name,
            @Schema(description = "The CI's state (CiStatus) or the service's state (ServiceLifecycleStatus)") String state,
            @Schema(deprecated = true, description = "Same as state; kept for existing clients") String status,
            @Schema(description = "Number of hops from the analysed CI") int depth,
            @Schema(description = "From the analysed CI to this item; each step names the relation that led to it") List<Step> path) {
    }

    @Schema(name = "ImpactPathStep")
    public record Step(TargetType type, UUID id, String name,
            @Schema(description = "The stored relation linking the previous step to this one; null on the first step") Via via) {
    }

    @Schema(name = "ImpactVia", description = "A stored fact: source <relation> target (service dependencies read source depends_on target)")
    public record Via(String relation, TargetType sourceType, UUID sourceId, TargetType targetType, UUID targetId) {
    }
}
