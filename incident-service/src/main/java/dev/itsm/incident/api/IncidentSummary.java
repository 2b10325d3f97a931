package dev.itsm.incident.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "IncidentSummary", description = "Counts for dashboards (same filters as the list)")
public record IncidentSummary(
        @Schema(example = "42") long total,
        @Schema(description = "state → count (every state present)") Map<String, Long> byState,
        @Schema(description = "priority → count (every priority present)") Map<String, Long> byPriority,
        @Schema(description = "state → priority → count (only non-zero cells)") Map<String, Map<String, Long>> byStateAndPriority) {
}
