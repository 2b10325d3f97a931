package dev.itsm.monitoring;

import static dev.itsm.monitoring.AlertCommand.ACKNOWLEDGE;
import static dev.itsm.monitoring.AlertCommand.SUPPRESS;
import static dev.itsm.monitoring.AlertCommand.UNSUPPRESS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.monitoring.events.AlertFacts;
import dev.itsm.monitoring.events.MonitoringEvent.AlertAcknowledged;
import dev.itsm.monitoring.events.MonitoringEvent.AlertDeduplicated;
import dev.itsm.monitoring.events.MonitoringEvent.AlertRaised;
import dev.itsm.monitoring.events.MonitoringEvent.AlertResolved;
import dev.itsm.monitoring.events.MonitoringEvent.AlertSuppressed;
import dev.itsm.monitoring.events.MonitoringEvent.AlertUnsuppressed;
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
 * One alert: every firing of one dedup key until it resolves and stays resolved beyond its flap window. Repeats only
 * count ({@code occurrences}, {@code lastSeenAt}); a re-fire within the flap window is the same alert again
 * ({@code flapCount}). Each command method checks the state, changes the alert and returns the event it caused.
 */
@Entity
// a repeat, a resolve or a command changes a few columns: the UPDATE sends those, not the labels and annotations again
@DynamicUpdate
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    @Id
    private UUID id;
    private String number;
    @Column(name = "dedup_key")
    private String dedupKey;
    private String fingerprint;
    private String source;
    @Column(name = "source_name")
    private String sourceName;
    private String name;
    private String summary;
    private String description;
    private String severity;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private Map<String, String> labels = new LinkedHashMap<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private Map<String, String> annotations = new LinkedHashMap<>();
    @Column(name = "generator_url")
    private String generatorUrl;
    @Column(name = "rule_id")
    private UUID ruleId;
    @Column(name = "rule_version")
    private Long ruleVersion;
    @Column(name = "ci_id")
    private UUID ciId;
    @Column(name = "ci_name")
    private String ciName;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_ids", columnDefinition = "jsonb")
    private List<UUID> serviceIds = new ArrayList<>();
    private String impact;
    private String urgency;
    @Enumerated(EnumType.STRING)
    private AlertState state;
    @Column(name = "starts_at")
    private Instant startsAt;
    @Column(name = "ends_at")
    private Instant endsAt;
    @Column(name = "first_seen_at")
    private Instant firstSeenAt;
    @Column(name = "last_seen_at")
    private Instant lastSeenAt;
    private long occurrences;
    @Column(name = "flap_count")
    private int flapCount;
    @Column(name = "group_id")
    private UUID groupId;
    @Enumerated(EnumType.STRING)
    @Column(name = "suppression_reason")
    private SuppressionReason suppressionReason;
    @Column(name = "suppression_change_id")
    private String suppressionChangeId;
    @Column(name = "suppression_change_number")
    private String suppressionChangeNumber;
    @Column(name = "suppression_window_id")
    private String suppressionWindowId;
    @Column(name = "suppression_window_name")
    private String suppressionWindowName;
    @Column(name = "suppressed_until")
    private Instant suppressedUntil;
    @Column(name = "suppressed_by")
    private String suppressedBy;
    @Column(name = "suppression_note")
    private String suppressionNote;
    @Column(name = "suppressed_at")
    private Instant suppressedAt;
    @Column(name = "acknowledged_by")
    private String acknowledgedBy;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "acknowledge_note")
    private String acknowledgeNote;
    @Column(name = "unrouted_reason")
    private String unroutedReason;
    @Column(name = "auto_resolve")
    private boolean autoResolve;
    @Column(name = "flap_window")
    private String flapWindow;
    @Column(name = "open_incident")
    private boolean openIncident;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;
    /** Created in this unit of work: its first version is 0, not the current one + 1 (see {@link #facts}). */
    @Transient
    private boolean created;

    protected Alert() {
        // for JPA
    }

    // ------------------------------------------------------------------ lifecycle (the processor)

    /** The first firing of a dedup key (or the first after the last alert of the key stayed resolved). */
    public static Alert raise(UUID id, String number, NewAlert a, Instant now) {
        Alert alert = new Alert();
        alert.id = id;
        alert.number = number;
        alert.dedupKey = a.dedupKey();
        alert.fingerprint = a.fingerprint();
        alert.source = a.source();
        alert.sourceName = a.sourceName();
        alert.name = a.name();
        alert.summary = a.summary();
        alert.description = a.description();
        alert.severity = a.severity();
        alert.labels = a.labels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(a.labels());
        alert.annotations = a.annotations() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(a.annotations());
        alert.generatorUrl = a.generatorUrl();
        alert.ruleId = a.ruleId();
        alert.ruleVersion = a.ruleVersion();
        alert.ciId = a.ciId();
        alert.ciName = a.ciName();
        alert.serviceIds = a.serviceIds() == null ? new ArrayList<>() : new ArrayList<>(a.serviceIds());
        alert.impact = a.impact();
        alert.urgency = a.urgency();
        alert.state = AlertState.FIRING;
        alert.startsAt = a.startsAt() == null ? now : a.startsAt();
        alert.firstSeenAt = now;
        alert.lastSeenAt = now;
        alert.occurrences = 1;
        alert.autoResolve = a.autoResolve();
        alert.flapWindow = (a.flapWindow() == null ? Duration.ZERO : a.flapWindow()).toString();
        alert.openIncident = a.openIncident();
        alert.createdAt = now;
        alert.updatedAt = now;
        alert.created = true;
        return alert;
    }

    /** The raise event of a new alert (separate from {@link #raise}, which is a constructor). */
    public AlertRaised raised(Instant now) {
        return new AlertRaised(facts(now), false);
    }

    /** Whether a firing now is still the same alert: it resolved less than its flap window ago. */
    public boolean withinFlapWindow(Instant now) {
        return state == AlertState.RESOLVED && endsAt != null && now.isBefore(endsAt.plus(flapWindow()));
    }

    /** A RESOLVED alert fires again within its flap window: FIRING again, {@code flapCount} + 1. */
    public AlertRaised refire(int occurrences, Instant startsAt, Instant now) {
        requireState(AlertState.RESOLVED, "refire");
        this.state = AlertState.FIRING;
        this.flapCount++;
        this.occurrences += occurrences;
        this.startsAt = startsAt == null ? now : startsAt;
        this.endsAt = null;
        this.lastSeenAt = now;
        this.updatedAt = now;
        return new AlertRaised(facts(now), true);
    }

    /** The source sent the firing alert again {@code repeats} times (in one batch). */
    public AlertDeduplicated repeated(int repeats, Instant now) {
        requireState(AlertState.FIRING, "deduplicate");
        this.occurrences += repeats;
        this.lastSeenAt = now;
        this.updatedAt = now;
        return new AlertDeduplicated(facts(now), repeats);
    }

    /** The source says it is over; {@code endsAt} is the source's time when it sent one, else now. */
    public AlertResolved resolve(Instant endsAt, Instant now) {
        requireState(AlertState.FIRING, "resolve");
        this.state = AlertState.RESOLVED;
        this.endsAt = endsAt == null || endsAt.isAfter(now) ? now : endsAt;
        this.lastSeenAt = now;
        this.updatedAt = now;
        return new AlertResolved(facts(now));
    }

    /** No CI and no service: recorded, never correlated. */
    public void unrouted(String reason, Instant now) {
        this.unroutedReason = reason;
        this.updatedAt = now;
    }

    /** Joins (or, when {@code groupId} is another, moves to) a group; the group's event tells about it. */
    public void joinGroup(UUID groupId, Instant now) {
        this.groupId = groupId;
        this.unroutedReason = null;
        this.updatedAt = now;
    }

    /** A change or maintenance window covers the alert's CI or services: a suspect of it, no incident. */
    public AlertSuppressed suppressByWindow(Suppression suppression, Instant now) {
        applySuppression(suppression, now);
        return new AlertSuppressed(facts(now));
    }

    // ------------------------------------------------------------------ commands (people)

    public AlertAcknowledged acknowledge(String actor, String note, Instant now) {
        requireAllowed(ACKNOWLEDGE);
        this.acknowledgedBy = actor;
        this.acknowledgedAt = now;
        this.acknowledgeNote = note;
        this.updatedAt = now;
        return new AlertAcknowledged(facts(now), note);
    }

    /** A person suppresses the alert until {@code until} (checked by the service: future, at most P30D ahead). */
    public AlertSuppressed suppress(String actor, Instant until, String note, Instant now) {
        requireAllowed(SUPPRESS);
        applySuppression(new Suppression(SuppressionReason.MANUAL, null, null, null, null, until, actor, note), now);
        return new AlertSuppressed(facts(now));
    }

    /** A person lifts the suppression, or its window or expiry passed ({@code actor} null). */
    public AlertUnsuppressed unsuppress(String actor, Instant now) {
        if (actor != null) {
            requireAllowed(UNSUPPRESS);
        } else if (suppressionReason == null) {
            throw transition("unsuppress");
        }
        clearSuppression();
        this.updatedAt = now;
        return new AlertUnsuppressed(facts(now));
    }

    /** REST commands accepted now: the state's, narrowed by what is already done. */
    public List<String> allowedCommands() {
        List<String> allowed = new ArrayList<>();
        for (AlertCommand c : AlertCommand.values()) {
            if (isAllowed(c)) {
                allowed.add(c.wireName());
            }
        }
        return allowed;
    }

    private boolean isAllowed(AlertCommand command) {
        if (!state.allows(command)) {
            return false;
        }
        return switch (command) {
            case ACKNOWLEDGE -> acknowledgedAt == null;
            case SUPPRESS -> suppressionReason == null;
            case UNSUPPRESS -> suppressionReason != null;
        };
    }

    private void requireAllowed(AlertCommand command) {
        if (!isAllowed(command)) {
            throw transition(command.wireName());
        }
    }

    private void requireState(AlertState expected, String what) {
        if (state != expected) {
            throw transition(what);
        }
    }

    private IllegalTransitionException transition(String command) {
        return new IllegalTransitionException("alert " + number, describeState(), command, allowedCommands());
    }

    /** The state as a 409 names it: a FIRING alert that is suppressed or acknowledged says so. */
    private String describeState() {
        if (state == AlertState.FIRING && suppressionReason != null) {
            return "FIRING (suppressed)";
        }
        if (state == AlertState.FIRING && acknowledgedAt != null) {
            return "FIRING (acknowledged)";
        }
        return state.name();
    }

    private void applySuppression(Suppression s, Instant now) {
        this.suppressionReason = s.reason();
        this.suppressionChangeId = s.changeId();
        this.suppressionChangeNumber = s.changeNumber();
        this.suppressionWindowId = s.windowId();
        this.suppressionWindowName = s.windowName();
        this.suppressedUntil = s.until();
        this.suppressedBy = s.by();
        this.suppressionNote = s.note();
        this.suppressedAt = now;
        this.updatedAt = now;
    }

    private void clearSuppression() {
        this.suppressionReason = null;
        this.suppressionChangeId = null;
        this.suppressionChangeNumber = null;
        this.suppressionWindowId = null;
        this.suppressionWindowName = null;
        this.suppressedUntil = null;
        this.suppressedBy = null;
        this.suppressionNote = null;
        this.suppressedAt = null;
    }

    // ------------------------------------------------------------------ facts

    /** The facts as of this change; {@code version} is the one this change commits (Hibernate adds one at flush). */
    public AlertFacts facts(Instant occurredAt) {
        return new AlertFacts(id, number, dedupKey, fingerprint, source, sourceName, name, summary, severity,
                copy(labels), copy(annotations), ciId, ciName, List.copyOf(serviceIds), impact, urgency,
                ruleId, ruleVersion, state, startsAt, endsAt, firstSeenAt, lastSeenAt, occurrences, flapCount, groupId,
                suppression(), acknowledgedBy, acknowledgedAt, unroutedReason, created ? version : version + 1,
                occurredAt);
    }

    /** An unmodifiable copy in the source's order (Map.copyOf would reorder, and refuse a null value). */
    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** FIRING and not suppressed: counts in its group's firingCount. */
    public boolean isActive() {
        return state == AlertState.FIRING && suppressionReason == null;
    }

    public boolean isSuppressed() {
        return suppressionReason != null;
    }

    // ------------------------------------------------------------------ getters

    public UUID id() { return id; }
    public String number() { return number; }
    public String dedupKey() { return dedupKey; }
    public String fingerprint() { return fingerprint; }
    public String source() { return source; }
    public String sourceName() { return sourceName; }
    public String name() { return name; }
    public String summary() { return summary; }
    public String description() { return description; }
    public String severity() { return severity; }
    public Map<String, String> labels() { return copy(labels); }
    public Map<String, String> annotations() { return copy(annotations); }
    public String generatorUrl() { return generatorUrl; }
    public UUID ruleId() { return ruleId; }
    public Long ruleVersion() { return ruleVersion; }
    public UUID ciId() { return ciId; }
    public String ciName() { return ciName; }
    public List<UUID> serviceIds() { return List.copyOf(serviceIds); }
    public String impact() { return impact; }
    public String urgency() { return urgency; }
    public AlertState state() { return state; }
    public Instant startsAt() { return startsAt; }
    public Instant endsAt() { return endsAt; }
    public Instant firstSeenAt() { return firstSeenAt; }
    public Instant lastSeenAt() { return lastSeenAt; }
    public long occurrences() { return occurrences; }
    public int flapCount() { return flapCount; }
    public UUID groupId() { return groupId; }
    /** Null when not suppressed. */
    public Suppression suppression() {
        return suppressionReason == null ? null : new Suppression(suppressionReason, suppressionChangeId,
                suppressionChangeNumber, suppressionWindowId, suppressionWindowName, suppressedUntil, suppressedBy,
                suppressionNote);
    }
    public Instant suppressedAt() { return suppressedAt; }
    public String acknowledgedBy() { return acknowledgedBy; }
    public Instant acknowledgedAt() { return acknowledgedAt; }
    public String acknowledgeNote() { return acknowledgeNote; }
    public String unroutedReason() { return unroutedReason; }
    public boolean autoResolve() { return autoResolve; }
    public Duration flapWindow() { return Duration.parse(flapWindow); }
    public boolean openIncident() { return openIncident; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
