package dev.itsm.incident.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.IncidentHistory;

@Schema(name = "HistoryEntry", description = "Who did what when, with old → new values")
public record HistoryEntryView(
        long id,
        Instant at,
        @Schema(example = "alice") String actor,
        @Schema(example = "resolve") String action,
        List<FieldChange> changes,
        String detail) {

    public static HistoryEntryView of(IncidentHistory h) {
        return new HistoryEntryView(h.id(), h.at(), h.actor(), h.action(),
                h.changes().stream().map(c -> new FieldChange(c.field(), c.from(), c.to())).toList(), h.detail());
    }

    @Schema(name = "FieldChange")
    public record FieldChange(
            @Schema(example = "state") String field,
            @Schema(example = "IN_PROGRESS") String from,
            @Schema(example = "RESOLVED") String to) {
    }
}
