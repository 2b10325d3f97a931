package dev.itsm.request;

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

/** One history entry of a request: who did what when, with the old → new values, written with the change. */
@Entity
@Table(name = "request_history")
public class RequestHistory extends PanacheEntityBase {

    /** One field's old → new value (stored as {@code {field, from, to}} in the {@code changes} jsonb array). */
    public record Change(String field, String from, String to) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "request_id")
    private UUID requestId;
    private Instant at;
    private String actor;
    private String action;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<Change> changes;
    private String detail;

    protected RequestHistory() {
        // for JPA
    }

    public static RequestHistory entry(UUID requestId, String actor, String action, List<Change> changes, String detail,
            Instant at) {
        RequestHistory h = new RequestHistory();
        h.requestId = requestId;
        h.actor = actor;
        h.action = action;
        h.changes = List.copyOf(changes);
        h.detail = detail;
        h.at = at;
        return h;
    }

    public Long id() { return id; }
    public UUID requestId() { return requestId; }
    public Instant at() { return at; }
    public String actor() { return actor; }
    public String action() { return action; }
    public List<Change> changes() { return changes; }
    public String detail() { return detail; }
}
