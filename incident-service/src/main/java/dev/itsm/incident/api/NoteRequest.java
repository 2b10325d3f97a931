package dev.itsm.incident.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.IncidentNote;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "IncidentNoteRequest")
public record NoteRequest(
        @NotNull IncidentNote.Kind kind,
        @Schema(example = "Restarted the gateway pods; watching error rate") @NotBlank @Size(max = 10000) String text) {
}
