package dev.itsm.incident.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.IncidentNote;

@Schema(name = "IncidentNoteView", description = "A work note or comment on an incident")
public record NoteView(
        @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
        @Schema(type = SchemaType.STRING, format = "uuid", example = "7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11") UUID incidentId,
        IncidentNote.Kind kind,
        @Schema(example = "Restarted the gateway pods; watching error rate") String text,
        @Schema(example = "alice") String author,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant createdAt) {

    public static NoteView of(IncidentNote n) {
        return new NoteView(n.id(), n.incidentId(), n.kind(), n.text(), n.author(), n.createdAt());
    }
}
