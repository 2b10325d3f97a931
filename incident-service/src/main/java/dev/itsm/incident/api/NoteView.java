package dev.itsm.incident.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.IncidentNote;

@Schema(name = "Note")
public record NoteView(UUID id, UUID incidentId, IncidentNote.Kind kind, String text, String author, Instant createdAt) {

    public static NoteView of(IncidentNote n) {
        return new NoteView(n.id(), n.incidentId(), n.kind(), n.text(), n.author(), n.createdAt());
    }
}
