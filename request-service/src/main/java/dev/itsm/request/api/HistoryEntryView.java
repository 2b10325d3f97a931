package dev.itsm.request.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.request.RequestHistory;

@Schema(name = "RequestHistoryEntryView", description = "Who did what when, with old → new values")
public record HistoryEntryView(
        long id,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
        @Schema(example = "sam") String actor,
        @Schema(example = "approve") String action,
        List<FieldChange> changes,
        @Schema(nullable = true) String detail) {

    public static HistoryEntryView of(RequestHistory h) {
        return new HistoryEntryView(h.id(), h.at(), h.actor(), h.action(),
                h.changes().stream().map(c -> new FieldChange(c.field(), c.from(), c.to())).toList(), h.detail());
    }

    @Schema(name = "RequestFieldChange", description = "One field's old and new value (null: none)")
    public record FieldChange(
            @Schema(example = "state") String field,
            @Schema(nullable = true, example = "AWAITING_APPROVAL") String from,
            @Schema(nullable = true, example = "IN_FULFILMENT") String to) {
    }
}
