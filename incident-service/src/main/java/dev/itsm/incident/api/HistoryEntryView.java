package dev.itsm.incident.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "HistoryEntry", description = "Who did what when, with old → new values")
public record HistoryEntryView(
        long id,
        Instant at,
        @Schema(example = "alice") String actor,
        @Schema(example = "resolve") String action,
        List<FieldChange> changes,
        String detail) {

    @Schema(name = "FieldChange")
    public record FieldChange(
            @Schema(example = "state") String field,
            @Schema(example = "IN_PROGRESS") String from,
            @Schema(example = "RESOLVED") String to) {
    }
}
