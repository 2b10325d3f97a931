package dev.itsm.incident.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.IncidentHistory;

@Schema(name = "IncidentHistoryEntryView", description = "Who did what when, with old → new values")
public record HistoryEntryView(
        long id,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
        @Schema(example = "alice") String actor,
        @Schema(example = "resolve") String action,
        List<FieldChange> changes,
        @Schema(nullable = true) String detail) {

    public static HistoryEntryView of(IncidentHistory h) {
        return new HistoryEntryView(h.id(), h.at(), h.actor(), h.action(),
                h.changes().stream().map(c -> new FieldChange(c.field(), c.from(), c.to())).toList(), h.detail());
    }

    @Schema(name = "IncidentFieldChange", description = "One field's old and new value (null: none)")
    public record FieldChange(
            @Schema(example = "state") String field,
            @Schema(nullable = true, example = "IN_PROGRESS") String from,
            @Schema(nullable = true, example = "RESOLVED") String to) {
    }
}
