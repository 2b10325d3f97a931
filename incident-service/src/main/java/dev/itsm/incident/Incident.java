package dev.itsm.incident;

import static dev.itsm.incident.Command.ACKNOWLEDGE;
import static dev.itsm.incident.Command.ASSIGN;
import static dev.itsm.incident.Command.CANCEL;
import static dev.itsm.incident.Command.CLOSE;
import static dev.itsm.incident.Command.DECLARE_MAJOR;
import static dev.itsm.incident.Command.HOLD;
import static dev.itsm.incident.Command.REOPEN;
import static dev.itsm.incident.Command.RESOLVE;
import static dev.itsm.incident.Command.RESUME;
import static dev.itsm.incident.Command.UPDATE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import dev.itsm.incident.events.IncidentEvent;
import dev.itsm.incident.events.IncidentEvent.IncidentAcknowledged;
import dev.itsm.incident.events.IncidentEvent.IncidentAssigned;
import dev.itsm.incident.events.IncidentEvent.IncidentCanceled;
import dev.itsm.incident.events.IncidentEvent.IncidentClosed;
import dev.itsm.incident.events.IncidentEvent.IncidentOpened;
import dev.itsm.incident.events.IncidentEvent.IncidentPriorityChanged;
import dev.itsm.incident.events.IncidentEvent.IncidentPutOnHold;
import dev.itsm.incident.events.IncidentEvent.IncidentReopened;
import dev.itsm.incident.events.IncidentEvent.IncidentResolved;
import dev.itsm.incident.events.IncidentEvent.IncidentResumed;
import dev.itsm.incident.events.IncidentEvent.IncidentUpdated;
import dev.itsm.incident.events.IncidentEvent.MajorIncidentDeclared;
import dev.itsm.incident.events.IncidentFacts;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.IllegalTransitionException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.OptimisticLock;

/**
 * The incident aggregate. Every command method checks the lifecycle ({@link IncidentState}), changes
 * the incident and returns the events it caused; an illegal command throws
 * {@link IllegalTransitionException} naming the current state and the commands allowed in it.
 */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    /**
     * The fields a PATCH edits, with their new values (all of them: null clears an optional one; a
     * blank description or category clears it too).
     */
    public record Edit(String title, String description, String category, Impact impact, Urgency urgency,
            UUID ciId, UUID parentIncidentId, Set<String> linkedChangeIds) {
    }

    /** What a new incident is opened with. */
    public record Opening(String title, String description, String caller, UUID serviceId, UUID ciId,
            String category, Impact impact, Urgency urgency, String assignmentGroup, String assignee,
            UUID parentIncidentId, Set<String> linkedChangeIds) {
    }

    /** The published facts (of {@link IncidentFacts}) an edit can change, in the order {@code changedFields} names them. */
    private static final List<String> EDITED_FACTS = List.of("title", "description", "category", "impact", "urgency",
            "priority", "ciId", "parentIncidentId", "linkedChangeIds", "knownErrorId");

    @Id
    private UUID id;
    private String number;
    private String title;
    private String description;
    private String caller;
    @Column(name = "service_id")
    private UUID serviceId;
    @Column(name = "ci_id")
    private UUID ciId;
    private String category;
    @Enumerated(EnumType.STRING)
    private Impact impact;
    @Enumerated(EnumType.STRING)
    private Urgency urgency;
    @Enumerated(EnumType.STRING)
    private Priority priority;
    @Enumerated(EnumType.STRING)
    private IncidentState state;
    @Column(name = "assignment_group")
    private String assignmentGroup;
    private String assignee;
    @Enumerated(EnumType.STRING)
    @Column(name = "hold_reason")
    private HoldReason holdReason;
    @Column(name = "opened_at")
    private Instant openedAt;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "canceled_at")
    private Instant canceledAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "resolution_code")
    private ResolutionCode resolutionCode;
    @Column(name = "resolution_notes")
    private String resolutionNotes;
    @Column(name = "cancel_reason")
    private String cancelReason;
    @Column(name = "reopen_count")
    private int reopenCount;
    @Column(name = "major_incident")
    private boolean majorIncident;
    @Column(name = "parent_incident_id")
    private UUID parentIncidentId;
    @ElementCollection
    @CollectionTable(name = "incident_linked_change", joinColumns = @JoinColumn(name = "incident_id"))
    @Column(name = "change_id")
    private Set<String> linkedChangeIds = new TreeSet<>();
    /** The known error of the problem this incident is linked to (problem-service's id); set from its events. */
    @Column(name = "known_error_id")
    private UUID knownErrorId;
    @Enumerated(EnumType.STRING)
    private IncidentSource source = IncidentSource.API;
    /** The monitoring-service alert group this incident is for (source MONITORING); null otherwise. */
    @Column(name = "alert_group_id")
    private UUID alertGroupId;
    /**
     * The newest version of the alert group's facts applied here (older group events are ignored). Kept
     * out of the optimistic lock: recording it changes nothing an agent sees, so it must not move the ETag.
     */
    @OptimisticLock(excluded = true)
    @Column(name = "alert_group_version")
    private Long alertGroupVersion;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;
    /**
     * The full-text document for {@code q=}, generated by the database from number, title and
     * description (V5__incident_search.sql). Named in queries only: lazy, so never loaded, and never written.
     */
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "search_document", insertable = false, updatable = false, columnDefinition = "tsvector")
    private String searchDocument;
    /**
     * The number and title part of {@link #searchDocument} (V10__incident_title_search.sql): a text search lists
     * the incidents matching here first. Named in queries only, like searchDocument.
     */
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "title_document", insertable = false, updatable = false, columnDefinition = "tsvector")
    private String titleDocument;

    protected Incident() {
        // for JPA
    }

    /** Opens a new incident (state NEW) with its priority from the matrix. */
    public static Incident open(UUID id, String number, Opening o, PriorityMatrix matrix, Instant now) {
        Incident i = new Incident();
        i.id = id;
        i.number = number;
        i.title = o.title();
        i.description = o.description();
        i.caller = o.caller();
        i.serviceId = o.serviceId();
        i.ciId = o.ciId();
        i.category = o.category();
        i.impact = o.impact();
        i.urgency = o.urgency();
        i.priority = matrix.priorityOf(o.impact(), o.urgency());
        i.assignmentGroup = o.assignmentGroup();
        i.assignee = o.assignee();
        i.parentIncidentId = o.parentIncidentId();
        if (o.linkedChangeIds() != null) {
            i.linkedChangeIds.addAll(o.linkedChangeIds());
        }
        i.state = IncidentState.NEW;
        i.openedAt = now;
        i.updatedAt = now;
        return i;
    }

    /**
     * Opens a new incident for a monitoring-service alert group (source MONITORING), as of the group's
     * facts at {@code groupVersion}.
     */
    public static Incident openForAlertGroup(UUID id, String number, Opening o, UUID alertGroupId, long groupVersion,
            PriorityMatrix matrix, Instant now) {
        Incident i = open(id, number, o, matrix, now);
        i.source = IncidentSource.MONITORING;
        i.alertGroupId = alertGroupId;
        i.alertGroupVersion = groupVersion;
        return i;
    }

    /** The event of {@link #open}: kept apart so the factory stays a plain constructor. */
    public List<IncidentEvent> opened() {
        return List.of(new IncidentOpened(facts(openedAt)));
    }

    public List<IncidentEvent> acknowledge(Instant now) {
        require(ACKNOWLEDGE);
        acknowledgedAt = now;
        return moveTo(IncidentState.IN_PROGRESS, now, IncidentAcknowledged::new);
    }

    /** Assigning a NEW incident also acknowledges it (two facts: acknowledged, assigned). */
    public List<IncidentEvent> assign(String group, String person, Instant now) {
        require(ASSIGN);
        List<IncidentEvent> events = new ArrayList<>();
        if (state == IncidentState.NEW) {
            acknowledgedAt = now;
            events.addAll(moveTo(IncidentState.IN_PROGRESS, now, IncidentAcknowledged::new));
        }
        assignmentGroup = group;
        assignee = person;
        touch(now);
        events.add(new IncidentAssigned(facts(now)));
        return events;
    }

    public List<IncidentEvent> hold(HoldReason reason, Instant now) {
        require(HOLD);
        holdReason = reason;
        return moveTo(IncidentState.ON_HOLD, now, facts -> new IncidentPutOnHold(facts, reason));
    }

    public List<IncidentEvent> resume(Instant now) {
        require(RESUME);
        holdReason = null;
        return moveTo(IncidentState.IN_PROGRESS, now, IncidentResumed::new);
    }

    public List<IncidentEvent> resolve(ResolutionCode code, String notes, Instant now) {
        require(RESOLVE);
        return markResolved(code, notes, now);
    }

    /** A child of a major incident resolves with its parent, from any open state (even NEW). */
    public List<IncidentEvent> resolveWithParent(Incident parent, Instant now) {
        if (!state.isOpen() || !parent.id.equals(parentIncidentId)) {
            throw new IllegalTransitionException("incident", state, RESOLVE.wireName(), state.allowedCommands());
        }
        return markResolved(parent.resolutionCode, "Resolved with major incident " + parent.number
                + (parent.resolutionNotes == null ? "" : ": " + parent.resolutionNotes), now);
    }

    public List<IncidentEvent> reopen(String reason, Duration window, Instant now) {
        require(REOPEN);
        if (now.isAfter(resolvedAt.plus(window))) {
            throw new ConflictException("reopen-window-expired", "Reopen window expired",
                    "Incident " + number + " was resolved at " + resolvedAt + "; it can be reopened only within "
                            + window + " of its resolution. Open a new incident instead.",
                    Map.of("resolvedAt", resolvedAt.toString(), "reopenWindow", window.toString()));
        }
        reopenCount++;
        resolvedAt = null;
        resolutionCode = null;
        resolutionNotes = null;
        return moveTo(IncidentState.IN_PROGRESS, now, facts -> new IncidentReopened(facts, reason));
    }

    public List<IncidentEvent> close(Instant now) {
        require(CLOSE);
        closedAt = now;
        return moveTo(IncidentState.CLOSED, now, IncidentClosed::new);
    }

    public List<IncidentEvent> cancel(String reason, Instant now) {
        require(CANCEL);
        canceledAt = now;
        cancelReason = reason;
        holdReason = null;
        return moveTo(IncidentState.CANCELED, now, facts -> new IncidentCanceled(facts, reason));
    }

    public List<IncidentEvent> declareMajor(Instant now) {
        require(DECLARE_MAJOR);
        if (majorIncident) {
            throw new ConflictException("already-major", "Already a major incident",
                    "Incident " + number + " is already a major incident");
        }
        if (parentIncidentId != null) {
            throw new ConflictException("child-cannot-be-major", "A child incident cannot be major",
                    "Incident " + number + " is a child of major incident " + parentIncidentId + "; detach it first");
        }
        majorIncident = true;
        touch(now);
        return List.of(new MajorIncidentDeclared(facts(now)));
    }

    /** Records that the alert group's facts of {@code groupVersion} have been applied (see {@link #alertGroupVersion}). */
    public void followAlertGroup(long groupVersion) {
        alertGroupVersion = groupVersion;
    }

    /** The values a PATCH starts from. */
    public Edit editable() {
        return new Edit(title, description, category, impact, urgency, ciId, parentIncidentId,
                new TreeSet<>(linkedChangeIds));
    }

    /**
     * Field edits (PATCH). A changed impact or urgency recomputes the priority and says so
     * ({@code IncidentPriorityChanged}); any changed published fact is an {@code IncidentUpdated}
     * naming the changed fields, so replicas never drift from what REST shows. No change, no event.
     */
    public List<IncidentEvent> edit(Edit e, PriorityMatrix matrix, Instant now) {
        require(UPDATE);
        if (e.parentIncidentId() != null && majorIncident) {
            throw new ConflictException("major-cannot-be-child", "A major incident cannot be a child",
                    "Incident " + number + " is a major incident itself");
        }
        Map<String, String> before = snapshot();
        Priority previous = priority;
        title = e.title();
        description = blankToNull(e.description());
        category = blankToNull(e.category());
        impact = e.impact();
        urgency = e.urgency();
        ciId = e.ciId();
        parentIncidentId = e.parentIncidentId();
        linkedChangeIds.clear();
        if (e.linkedChangeIds() != null) {
            linkedChangeIds.addAll(e.linkedChangeIds());
        }
        priority = matrix.priorityOf(impact, urgency);
        touch(now);
        List<IncidentEvent> events = new ArrayList<>();
        if (previous != priority) {
            events.add(new IncidentPriorityChanged(facts(now), previous));
        }
        events.addAll(updated(before, now));
        return events;
    }

    /**
     * A change request linked this incident (on the change side). The link is the change's fact, so it
     * is applied in every state, a closed incident included; an existing link changes nothing.
     */
    public List<IncidentEvent> linkChange(String changeId, Instant now) {
        Map<String, String> before = snapshot();
        linkedChangeIds.add(changeId);
        return updated(before, now);
    }

    /** A change request unlinked this incident (on the change side); as {@link #linkChange}. */
    public List<IncidentEvent> unlinkChange(String changeId, Instant now) {
        Map<String, String> before = snapshot();
        linkedChangeIds.remove(changeId);
        return updated(before, now);
    }

    /**
     * The problem this incident is linked to published (or revised) a known error. Only an open incident
     * takes it — a resolved one needs no workaround — so callers ask {@code state().isOpen()} first. The
     * same known error again changes nothing.
     */
    public List<IncidentEvent> linkKnownError(UUID knownError, Instant now) {
        if (!state.isOpen()) {
            throw new IllegalTransitionException("incident", state, "link-known-error", state.allowedCommands());
        }
        Map<String, String> before = snapshot();
        knownErrorId = knownError;
        return updated(before, now);
    }

    /** Field values as text, for the history's old → new entries. */
    public Map<String, String> snapshot() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("title", title);
        s.put("description", description);
        s.put("category", category);
        s.put("ciId", str(ciId));
        s.put("impact", str(impact));
        s.put("urgency", str(urgency));
        s.put("priority", str(priority));
        s.put("state", str(state));
        s.put("holdReason", str(holdReason));
        s.put("assignmentGroup", assignmentGroup);
        s.put("assignee", assignee);
        s.put("resolutionCode", str(resolutionCode));
        s.put("resolutionNotes", resolutionNotes);
        s.put("cancelReason", cancelReason);
        s.put("reopenCount", String.valueOf(reopenCount));
        s.put("majorIncident", String.valueOf(majorIncident));
        s.put("parentIncidentId", str(parentIncidentId));
        s.put("linkedChangeIds", linkedChangeIds.isEmpty() ? null : String.join(",", new TreeSet<>(linkedChangeIds)));
        s.put("knownErrorId", str(knownErrorId));
        s.put("source", str(source));
        s.put("alertGroupId", str(alertGroupId));
        return s;
    }

    public IncidentFacts facts(Instant occurredAt) {
        return new IncidentFacts(id, number, title, description, serviceId, ciId, category, impact, urgency, priority,
                state, assignmentGroup, assignee, majorIncident, parentIncidentId, List.copyOf(new TreeSet<>(linkedChangeIds)),
                knownErrorId, source, alertGroupId, openedAt, occurredAt);
    }

    /** {@code IncidentUpdated} naming the published facts that differ from {@code before}; none when nothing changed. */
    private List<IncidentEvent> updated(Map<String, String> before, Instant now) {
        Map<String, String> after = snapshot();
        List<String> changed = EDITED_FACTS.stream().filter(f -> !Objects.equals(before.get(f), after.get(f))).toList();
        if (changed.isEmpty()) {
            return List.of();
        }
        touch(now);
        return List.of(new IncidentUpdated(facts(now), changed));
    }

    private void require(Command command) {
        if (!state.allows(command)) {
            throw new IllegalTransitionException("incident", state, command.wireName(), state.allowedCommands());
        }
    }

    private List<IncidentEvent> markResolved(ResolutionCode code, String notes, Instant now) {
        holdReason = null;
        resolvedAt = now;
        resolutionCode = code;
        resolutionNotes = notes;
        return moveTo(IncidentState.RESOLVED, now, facts -> new IncidentResolved(facts, code));
    }

    /** Enters {@code next} and returns the one event that says so (built from the facts after the move). */
    private List<IncidentEvent> moveTo(IncidentState next, Instant now, Function<IncidentFacts, IncidentEvent> event) {
        state = next;
        touch(now);
        return List.of(event.apply(facts(now)));
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    // ------------------------------------------------------------------ read access

    public UUID id() { return id; }
    public String number() { return number; }
    public String title() { return title; }
    public String description() { return description; }
    public String caller() { return caller; }
    public UUID serviceId() { return serviceId; }
    public UUID ciId() { return ciId; }
    public String category() { return category; }
    public Impact impact() { return impact; }
    public Urgency urgency() { return urgency; }
    public Priority priority() { return priority; }
    public IncidentState state() { return state; }
    public String assignmentGroup() { return assignmentGroup; }
    public String assignee() { return assignee; }
    public HoldReason holdReason() { return holdReason; }
    public Instant openedAt() { return openedAt; }
    public Instant acknowledgedAt() { return acknowledgedAt; }
    public Instant resolvedAt() { return resolvedAt; }
    public Instant closedAt() { return closedAt; }
    public Instant canceledAt() { return canceledAt; }
    public ResolutionCode resolutionCode() { return resolutionCode; }
    public String resolutionNotes() { return resolutionNotes; }
    public String cancelReason() { return cancelReason; }
    public int reopenCount() { return reopenCount; }
    public boolean majorIncident() { return majorIncident; }
    public UUID parentIncidentId() { return parentIncidentId; }
    public Set<String> linkedChangeIds() { return Set.copyOf(linkedChangeIds); }
    public UUID knownErrorId() { return knownErrorId; }
    public IncidentSource source() { return source; }
    public UUID alertGroupId() { return alertGroupId; }
    public Long alertGroupVersion() { return alertGroupVersion; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Incident other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
