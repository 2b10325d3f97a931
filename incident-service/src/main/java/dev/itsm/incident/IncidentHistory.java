package dev.itsm.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One history entry: who did what when, with the old → new values, written with the change. Never updated:
 * {@code @Immutable} also spares Hibernate copying the {@code changes} (JSON out and back in) at every insert
 * for a dirty check that can never find anything.
 */
@Entity
@Immutable
@Table(name = "incident_history")
public class IncidentHistory extends PanacheEntityBase {

    /** One field's old → new value (stored as {@code {field, from, to}} in the {@code changes} jsonb array). */
    public record Change(String field, String from, String to) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "incident_id")
    private UUID incidentId;
    private Instant at;
    private String actor;
    private String action;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<Change> changes;
    private String detail;

    protected IncidentHistory() {
        // for JPA
    }

    public static IncidentHistory entry(UUID incidentId, String actor, String action, List<Change> changes,
            String detail, Instant at) {
        IncidentHistory h = new IncidentHistory();
        h.incidentId = incidentId;
        h.actor = actor;
        h.action = action;
        h.changes = List.copyOf(changes);
        h.detail = detail;
        h.at = at;
        return h;
    }

    public Long id() { return id; }
    public UUID incidentId() { return incidentId; }
    public Instant at() { return at; }
    public String actor() { return actor; }
    public String action() { return action; }
    public List<Change> changes() { return changes; }
    public String detail() { return detail; }
}
