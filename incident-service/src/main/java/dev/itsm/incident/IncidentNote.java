package dev.itsm.incident;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A work note (internal) or a comment (visible to the caller) on an incident. */
@Entity
@Table(name = "incident_note")
public class IncidentNote extends PanacheEntityBase {

    public enum Kind {
        WORK_NOTE, COMMENT
    }

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String text;
    public String author;
    @Column(name = "created_at")
    public Instant createdAt;
}
