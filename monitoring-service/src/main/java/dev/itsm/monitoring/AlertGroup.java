package dev.itsm.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.monitoring.events.AlertGroupFacts;
import dev.itsm.monitoring.events.MonitoringEvent.AlertCorrelated;
import dev.itsm.monitoring.events.MonitoringEvent.AlertGroupOpened;
import dev.itsm.monitoring.events.MonitoringEvent.AlertGroupReopened;
import dev.itsm.monitoring.events.MonitoringEvent.AlertGroupResolved;
import dev.itsm.platform.problem.IllegalTransitionException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/**
 * Alerts correlated on one root-cause candidate (a CI, or for alerts without a CI a service and alert name): one
 * incident in incident-service. It changes only through its members: it counts the active ones ({@code firingCount}:
 * FIRING and not suppressed), waits out the longest flap window of its members once none is active
 * ({@code resolvingSince}) and resolves; an alert joining it within the reopen window opens it again.
 */
@Entity
// a new member changes counts and timestamps: the UPDATE sends those
@DynamicUpdate
@Table(name = "alert_group")
public class AlertGroup extends PanacheEntityBase {

    @Id
    private UUID id;
    private String number;
    private String title;
    @Column(name = "root_ci_id")
    private UUID rootCiId;
    @Column(name = "root_ci_name")
    private String rootCiName;
    @Column(name = "correlation_key")
    private String correlationKey;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_ids", columnDefinition = "jsonb")
    private List<UUID> serviceIds = new ArrayList<>();
    private boolean major;
    @Enumerated(EnumType.STRING)
    private GroupState state;
    private String severity;
    private String impact;
    private String urgency;
    @Column(name = "alert_count")
    private int alertCount;
    @Column(name = "firing_count")
    private int firingCount;
    @Column(name = "auto_resolve")
    private boolean autoResolve;
    @Column(name = "open_incident")
    private boolean openIncident;
    private String description;
    @Column(name = "opened_at")
    private Instant openedAt;
    @Column(name = "last_alert_at")
    private Instant lastAlertAt;
    @Column(name = "hold_down")
    private String holdDown;
    @Column(name = "resolving_since")
    private Instant resolvingSince;
    @Column(name = "resolve_after")
    private Instant resolveAfter;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "reopen_count")
    private int reopenCount;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;
    @Transient
    private boolean created;

    protected AlertGroup() {
        // for JPA
    }

    /**
     * A new group around {@code first}, rooted at its CI (or keyed by service and name when it has none); the
     * caller adds {@code first} with {@link #add} right after, which counts it.
     */
    public static AlertGroup open(UUID id, String number, Alert first, String correlationKey, Instant now) {
        AlertGroup g = new AlertGroup();
        g.id = id;
        g.number = number;
        g.rootCiId = first.ciId();
        g.rootCiName = first.ciName();
        g.correlationKey = correlationKey;
        String what = first.summary() != null && !first.summary().isBlank() ? first.summary() : first.name();
        String where = first.ciName() != null ? first.ciName()
                : first.ciId() != null ? first.ciId().toString()
                : first.serviceIds().isEmpty() ? "unknown" : "service " + first.serviceIds().get(0);
        // a summary usually names its CI already ("DiskFull on db-1"): say it once
        boolean named = what.toLowerCase(java.util.Locale.ROOT).contains(where.toLowerCase(java.util.Locale.ROOT));
        g.title = truncate(named ? what : what + " on " + where, 500);
        g.description = first.description() != null && !first.description().isBlank() ? first.description()
                : first.annotations().getOrDefault("summary", first.summary());
        g.state = GroupState.OPEN;
        g.autoResolve = true;
        g.openIncident = false;
        g.holdDown = Duration.ZERO.toString();
        g.openedAt = now;
        g.lastAlertAt = now;
        g.createdAt = now;
        g.updatedAt = now;
        g.created = true;
        return g;
    }

    /** The event of a group just opened (after its first alert was added). */
    public AlertGroupOpened opened(Instant now) {
        return new AlertGroupOpened(facts(now), description);
    }

    /**
     * {@code alert} joins the group ({@code newRootId} non-null: that CI becomes the root — the alert's, or the CI
     * upstream of both). Services, severity, impact, urgency,
     * autoResolve, openIncident and the hold-down take the alert's into account; an active alert stops a pending
     * resolution.
     */
    public AlertCorrelated add(Alert alert, UUID newRootId, String newRootName, Instant now) {
        requireOpen("add an alert to");
        boolean newRoot = newRootId != null && !newRootId.equals(rootCiId);
        if (newRoot) {
            this.rootCiId = newRootId;
            this.rootCiName = newRootName;
        }
        alert.joinGroup(id, now);
        this.alertCount++;
        Set<UUID> services = new LinkedHashSet<>(serviceIds);
        services.addAll(alert.serviceIds());
        this.serviceIds = new ArrayList<>(services);
        this.major = serviceIds.size() >= 2;
        this.severity = Severity.higherSeverity(severity, alert.severity());
        this.impact = Severity.higherLevel(impact, alert.impact());
        this.urgency = Severity.higherLevel(urgency, alert.urgency());
        this.autoResolve = (alertCount == 1 || autoResolve) && alert.autoResolve();
        this.openIncident = openIncident || alert.openIncident();
        if (alert.flapWindow().compareTo(holdDown()) > 0) {
            this.holdDown = alert.flapWindow().toString();
        }
        this.lastAlertAt = now;
        if (alert.isActive()) {
            this.firingCount++;
            stopResolving();
        }
        this.updatedAt = now;
        return new AlertCorrelated(facts(now), alert.facts(now), newRoot);
    }

    /** A member became active again (re-fired, unsuppressed): it counts, and a pending resolution stops. */
    public void memberActive(Instant now) {
        requireOpen("count an alert of");
        this.firingCount++;
        this.lastAlertAt = now;
        stopResolving();
        this.updatedAt = now;
    }

    /**
     * A member stopped being active (resolved, suppressed). When none is left the group waits out its hold-down;
     * with a hold-down of zero it resolves at once (the returned event).
     */
    public List<AlertGroupResolved> memberCleared(Instant now) {
        if (state != GroupState.OPEN) {
            return List.of();
        }
        this.firingCount = Math.max(0, firingCount - 1);
        this.updatedAt = now;
        if (firingCount > 0) {
            return List.of();
        }
        this.resolvingSince = now;
        this.resolveAfter = now.plus(holdDown());
        return resolveIfDue(now).map(List::of).orElse(List.of());
    }

    /** Resolves once every member stayed clear for the hold-down. */
    public Optional<AlertGroupResolved> resolveIfDue(Instant now) {
        if (state != GroupState.OPEN || firingCount > 0 || resolveAfter == null || now.isBefore(resolveAfter)) {
            return Optional.empty();
        }
        this.state = GroupState.RESOLVED;
        this.resolvedAt = now;
        this.resolvingSince = null;
        this.resolveAfter = null;
        this.updatedAt = now;
        String note = "All " + alertCount + (alertCount == 1 ? " alert" : " alerts") + " of alert group " + number
                + " resolved and stayed clear for " + holdDown() + ".";
        return Optional.of(new AlertGroupResolved(facts(now), description, note));
    }

    /** Whether a resolved group may still take an alert (it resolved less than {@code reopenWindow} ago). */
    public boolean reopenable(Duration reopenWindow, Instant now) {
        return state == GroupState.RESOLVED && resolvedAt != null && now.isBefore(resolvedAt.plus(reopenWindow));
    }

    /** A RESOLVED group takes an alert again: OPEN, {@code reopenCount} + 1; the caller adds the alert next. */
    public AlertGroupReopened reopen(String reason, Instant now) {
        if (state != GroupState.RESOLVED) {
            throw new IllegalTransitionException("alert group " + number, state, "reopen", List.of());
        }
        this.state = GroupState.OPEN;
        this.reopenCount++;
        this.resolvedAt = null;
        this.resolvingSince = null;
        this.resolveAfter = null;
        this.lastAlertAt = now;
        this.updatedAt = now;
        return new AlertGroupReopened(facts(now), description, reason);
    }

    private void stopResolving() {
        this.resolvingSince = null;
        this.resolveAfter = null;
    }

    private void requireOpen(String what) {
        if (state != GroupState.OPEN) {
            throw new IllegalTransitionException("alert group " + number, state, what, List.of());
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The facts as of this change; {@code version} is the one this change commits (Hibernate adds one at flush). */
    public AlertGroupFacts facts(Instant occurredAt) {
        return new AlertGroupFacts(id, number, title, rootCiId, rootCiName, List.copyOf(serviceIds), major, state,
                severity, impact, urgency, alertCount, firingCount, autoResolve, openIncident, openedAt, lastAlertAt,
                resolvedAt, reopenCount, created ? version : version + 1, occurredAt);
    }

    // ------------------------------------------------------------------ getters

    public UUID id() { return id; }
    public String number() { return number; }
    public String title() { return title; }
    public UUID rootCiId() { return rootCiId; }
    public String rootCiName() { return rootCiName; }
    /** Service-only groups: "serviceId/alert name"; null for groups rooted at a CI. */
    public String correlationKey() { return correlationKey; }
    public List<UUID> serviceIds() { return List.copyOf(serviceIds); }
    public boolean major() { return major; }
    public GroupState state() { return state; }
    public String severity() { return severity; }
    public String impact() { return impact; }
    public String urgency() { return urgency; }
    public int alertCount() { return alertCount; }
    public int firingCount() { return firingCount; }
    public boolean autoResolve() { return autoResolve; }
    public boolean openIncident() { return openIncident; }
    public String description() { return description; }
    public Instant openedAt() { return openedAt; }
    public Instant lastAlertAt() { return lastAlertAt; }
    /** The longest flap window of its members: how long it waits, all clear, before resolving. */
    public Duration holdDown() { return Duration.parse(holdDown); }
    public Instant resolvingSince() { return resolvingSince; }
    public Instant resolvedAt() { return resolvedAt; }
    public int reopenCount() { return reopenCount; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
