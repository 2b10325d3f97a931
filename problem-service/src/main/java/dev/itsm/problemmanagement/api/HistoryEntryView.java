package dev.itsm.problemmanagement.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.problemmanagement.ProblemHistory;

@Schema(name = "ProblemHistoryEntryView", description = "Who did what when, with old → new values")
public record HistoryEntryView(
        long id,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
        @Schema(example = "carol") String actor,
        @Schema(example = "record-root-cause") String action,
        List<FieldChange> changes,
        @Schema(nullable = true) String detail) {

    public static HistoryEntryView of(ProblemHistory h) {
        return new HistoryEntryView(h.id(), h.at(), h.actor(), h.action(),
                h.changes().stream().map(c -> new FieldChange(c.field(), c.from(), c.to())).toList(), h.detail());
    }

    @Schema(name = "ProblemFieldChange", description = "One field's old and new value (null: none)")
    public record FieldChange(
            @Schema(example = "state") String field,
            @Schema(nullable = true, example = "UNDER_ANALYSIS") String from,
            @Schema(nullable = true, example = "ROOT_CAUSE_KNOWN") String to) {
    }
}
