package dev.itsm.problemmanagement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One history entry: who did what when, with the old → new values, written with the change. */
@Entity
@Table(name = "problem_history")
public class ProblemHistory extends PanacheEntityBase {

    /** One field's old → new value (stored as {@code {field, from, to}} in the {@code changes} jsonb array). */
    public record Change(String field, String from, String to) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "problem_id")
    private UUID problemId;
    private Instant at;
    private String actor;
    private String action;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<Change> changes;
    private String detail;

    protected ProblemHistory() {
        // for JPA
    }

    public static ProblemHistory entry(UUID problemId, String actor, String action, List<Change> changes,
            String detail, Instant at) {
        ProblemHistory h = new ProblemHistory();
        h.problemId = problemId;
        h.actor = actor;
        h.action = action;
        h.changes = List.copyOf(changes);
        h.detail = detail;
        h.at = at;
        return h;
    }

    public Long id() { return id; }
    public UUID problemId() { return problemId; }
    public Instant at() { return at; }
    public String actor() { return actor; }
    public String action() { return action; }
    public List<Change> changes() { return changes; }
    public String detail() { return detail; }
}
