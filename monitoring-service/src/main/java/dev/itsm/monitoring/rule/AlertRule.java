package dev.itsm.monitoring.rule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An alert rule's current version. Never edited in place: {@link #save} replaces the whole definition and bumps the
 * version, and the caller keeps a copy of every version in {@code alert_rule_version}.
 */
@Entity
@Table(name = "alert_rule")
public class AlertRule {

    @Id
    private UUID id;
    @Column(nullable = false)
    private String name;
    private String description;
    @Column(nullable = false)
    private int position;
    @Column(nullable = false)
    private boolean enabled;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<RuleMatcher> matchers;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private CiSelection ci;
    @Column(name = "service_id")
    private UUID serviceId;
    @Column(name = "severity_label", nullable = false)
    private String severityLabel;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private Map<String, SeverityMapping> severities;
    @Column(name = "dedup_key_template")
    private String dedupKeyTemplate;
    @Column(name = "auto_resolve", nullable = false)
    private boolean autoResolve;
    /** ISO-8601, so the column reads like the API. */
    @Column(name = "flap_window", nullable = false)
    private String flapWindow;
    @Column(name = "open_incident", nullable = false)
    private boolean openIncident;
    @Column(nullable = false)
    private boolean deleted;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    /** Counted by the service (1 = as created), not by Hibernate: it is the ETag and the version's key. */
    @Column(nullable = false)
    private long version;

    protected AlertRule() {
        // for JPA
    }

    static AlertRule create(UUID id, RuleDefinition d, String by, Instant now) {
        AlertRule r = new AlertRule();
        r.id = id;
        r.createdAt = now;
        r.createdBy = by;
        r.version = 0;
        r.save(d, by, now);
        return r;
    }

    /** The definition becomes the next version. */
    void save(RuleDefinition d, String by, Instant now) {
        name = d.name();
        description = d.description();
        position = d.position();
        enabled = d.enabled();
        matchers = d.matchers();
        ci = d.ci();
        serviceId = d.serviceId();
        severityLabel = d.severityLabel();
        severities = d.severities();
        dedupKeyTemplate = d.dedupKeyTemplate();
        autoResolve = d.autoResolve();
        flapWindow = d.flapWindow().toString();
        openIncident = d.openIncident();
        updatedAt = now;
        updatedBy = by;
        version++;
    }

    /** Soft delete: kept for the versions and the alerts classified by it; classifies nothing any more. */
    void delete(String by, Instant now) {
        deleted = true;
        updatedAt = now;
        updatedBy = by;
        version++;
    }

    RuleDefinition definition() {
        return new RuleDefinition(name, description, position, enabled, matchers == null ? List.of() : matchers, ci,
                serviceId, severityLabel, severities, dedupKeyTemplate, autoResolve, Duration.parse(flapWindow),
                openIncident);
    }

    AlertRuleView view() {
        return new AlertRuleView(id, name, description, position, enabled, matchers == null ? List.of() : matchers, ci,
                serviceId, severityLabel, severities, dedupKeyTemplate, autoResolve, flapWindow, openIncident, deleted,
                version, createdAt, updatedAt, createdBy, updatedBy);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean deleted() {
        return deleted;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int position() {
        return position;
    }
}
