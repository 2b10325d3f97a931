package dev.itsm.incident;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A work note (internal) or a comment (visible to the caller) on an incident; written once, never changed. */
@Entity
@Table(name = "incident_note")
public class IncidentNote extends PanacheEntityBase {

    @Schema(name = "IncidentNoteKind", description = "WORK_NOTE (internal) or COMMENT (visible to the caller)")
    public enum Kind {
        WORK_NOTE, COMMENT
    }

    @Id
    private UUID id;
    @Column(name = "incident_id")
    private UUID incidentId;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private String text;
    private String author;
    @Column(name = "created_at")
    private Instant createdAt;

    protected IncidentNote() {
        // for JPA
    }

    public static IncidentNote write(UUID incidentId, Kind kind, String text, String author, Instant now) {
        IncidentNote n = new IncidentNote();
        n.id = UUID.randomUUID();
        n.incidentId = incidentId;
        n.kind = kind;
        n.text = text;
        n.author = author;
        n.createdAt = now;
        return n;
    }

    public UUID id() { return id; }
    public UUID incidentId() { return incidentId; }
    public Kind kind() { return kind; }
    public String text() { return text; }
    public String author() { return author; }
    public Instant createdAt() { return createdAt; }
}
