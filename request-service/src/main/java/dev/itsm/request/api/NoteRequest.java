package dev.itsm.request.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

@Schema(name = "FulfilmentTaskNoteRequest", description = "A note left with a task command (start, retry; fail requires it)")
public record NoteRequest(
        @Schema(nullable = true, example = "Picked from stock, imaging now") @Size(max = 4000) String note) {
}
