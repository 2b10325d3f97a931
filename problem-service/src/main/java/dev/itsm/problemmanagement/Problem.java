package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.Command.CANCEL;
import static dev.itsm.problemmanagement.Command.CLOSE;
import static dev.itsm.problemmanagement.Command.LINK_CHANGE;
import static dev.itsm.problemmanagement.Command.LINK_INCIDENT;
import static dev.itsm.problemmanagement.Command.PROPOSE_FIX;
import static dev.itsm.problemmanagement.Command.PUBLISH_KNOWN_ERROR;
import static dev.itsm.problemmanagement.Command.RECORD_ROOT_CAUSE;
import static dev.itsm.problemmanagement.Command.REOPEN;
import static dev.itsm.problemmanagement.Command.RESOLVE;
import static dev.itsm.problemmanagement.Command.START_ANALYSIS;
import static dev.itsm.problemmanagement.Command.UPDATE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.problemmanagement.events.KnownErrorFacts;
import dev.itsm.problemmanagement.events.ProblemEvent;
import dev.itsm.problemmanagement.events.ProblemEvent.KnownErrorPublished;
import dev.itsm.problemmanagement.events.ProblemEvent.KnownErrorRetired;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemAnalysisStarted;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemCanceled;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemChangeLinked;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemClosed;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemFixAbandoned;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemFixVerified;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemIncidentLinked;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemIncidentUnlinked;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemIncidentsLinked;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemLogged;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemReopened;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemResolved;
import dev.itsm.problemmanagement.events.ProblemEvent.ProblemUpdated;
import dev.itsm.problemmanagement.events.ProblemEvent.RootCauseIdentified;
import dev.itsm.problemmanagement.events.ProblemFacts;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/**
 * The problem aggregate (ITIL 4 problem management). Every command method checks the lifecycle
 * ({@link ProblemState}), changes the problem and returns the events it caused; an illegal command
 * throws {@link IllegalTransitionException} naming the current state and the commands allowed in it.
 */
@Entity
@Table(name = "problem")
public class Problem extends PanacheEntityBase {

    /**
     * At most this many linked incident ids in a problem's view and in each event's facts ({@code linkedIncidentCount}
     * counts all; {@code GET /api/v1/problems/{id}/incidents} pages through them). Every event carries the facts, so
     * with no bound a problem accepted from a busy service's candidate (5,118 incidents: 190 kB of ids) made every event
     * of it that large, and near 26,000 incidents over Kafka's 1 MB record limit: parked in the outbox, never published.
     */
    public static final int LISTED_INCIDENT_IDS = 1000;
    /** Ids as text in ascending order, as PostgreSQL orders uuids and a reader sorts them ({@link UUID#compareTo} is signed). */
    private static final Comparator<UUID> ID_ORDER = Comparator.comparing(UUID::toString);

    /** What a new problem is logged with (lists already de-duplicated by the caller or not: they are here). */
    public record Logging(String title, String description, List<UUID> serviceIds, List<UUID> ciIds, Impact impact,
            Urgency urgency, String assignmentGroup, String assignee) {
    }

    /** The fields a PATCH edits, with their new values. */
    public record Edit(String title, String description, List<UUID> serviceIds, List<UUID> ciIds, Impact impact,
            Urgency urgency, String assignmentGroup, String assignee) {
    }

    /** The published facts an edit can change, in the order {@code changedFields} names them. */
    private static final List<String> EDITED_FACTS = List.of("title", "description", "serviceIds", "ciIds", "impact",
            "urgency", "priority", "assignmentGroup", "assignee");

    @Id
    private UUID id;
    private String number;
    private String title;
    private String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "service_ids", columnDefinition = "uuid[]")
    private List<UUID> serviceIds = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "ci_ids", columnDefinition = "uuid[]")
    private List<UUID> ciIds = new ArrayList<>();
    @Enumerated(EnumType.STRING)
    private Impact impact;
    @Enumerated(EnumType.STRING)
    private Urgency urgency;
    @Enumerated(EnumType.STRING)
    private Priority priority;
    @Enumerated(EnumType.STRING)
    private ProblemState state;
    @Column(name = "assignment_group")
    private String assignmentGroup;
    private String assignee;
    @Column(name = "root_cause_category")
    private String rootCauseCategory;
    @Column(name = "root_cause_analysis")
    private String rootCauseAnalysis;
    private String workaround;
    @Column(name = "known_error_id")
    private UUID knownErrorId;
    @Column(name = "fix_change_id")
    private UUID fixChangeId;
    @Column(name = "verification_ends_at")
    private Instant verificationEndsAt;
    @Column(name = "candidate_id")
    private UUID candidateId;
    @Column(name = "logged_by")
    private String loggedBy;
    @Column(name = "logged_at")
    private Instant loggedAt;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "canceled_at")
    private Instant canceledAt;
    @Column(name = "cancel_reason")
    private String cancelReason;
    @Column(name = "reopen_count")
    private int reopenCount;
    // lazy, fetched for up to 100 problems at once: a list page's views cost two statements, not two per problem
    @ElementCollection
    @BatchSize(size = 100)
    @CollectionTable(name = "problem_incident", joinColumns = @JoinColumn(name = "problem_id"))
    private Set<IncidentLink> incidents = new HashSet<>();
    @ElementCollection
    @BatchSize(size = 100)
    @CollectionTable(name = "problem_change", joinColumns = @JoinColumn(name = "problem_id"))
    private Set<ChangeLink> changes = new HashSet<>();
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;
    /** Created in this unit of work: its first version is 0, not the current one + 1 (see {@link #facts}). */
    @Transient
    private boolean created;

    protected Problem() {
        // for JPA
    }

    /** Logs a new problem (state LOGGED) with its priority from the matrix; {@link #logged} is its event. */
    public static Problem log(UUID id, String number, Logging l, UUID candidateId, String actor, PriorityMatrix matrix,
            Instant now) {
        Problem p = new Problem();
        p.id = id;
        p.number = number;
        p.title = l.title();
        p.description = blankToNull(l.description());
        p.serviceIds = distinct(l.serviceIds());
        p.ciIds = distinct(l.ciIds());
        p.impact = l.impact();
        p.urgency = l.urgency();
        p.priority = matrix.priorityOf(l.impact(), l.urgency());
        p.assignmentGroup = blankToNull(l.assignmentGroup());
        p.assignee = blankToNull(l.assignee());
        p.candidateId = candidateId;
        p.state = ProblemState.LOGGED;
        p.loggedBy = actor;
        p.loggedAt = now;
        p.updatedAt = now;
        p.created = true;
        return p;
    }

    /**
     * The events of {@link #log}: {@code ProblemLogged}, whose {@code linkedIncidentIds} names the incidents it was logged
     * with (see {@link #linkAtLogging}) up to {@value #LISTED_INCIDENT_IDS}, then, for a problem logged with more, one
     * {@code ProblemIncidentsLinked} per further {@value #LISTED_INCIDENT_IDS} of them, in id order.
     */
    public List<ProblemEvent> logged() {
        ProblemFacts facts = facts(loggedAt);
        List<ProblemEvent> events = new ArrayList<>(List.of(new ProblemLogged(facts, candidateId)));
        List<UUID> all = allLinkedIncidentIds();
        for (int from = LISTED_INCIDENT_IDS; from < all.size(); from += LISTED_INCIDENT_IDS) {
            events.add(new ProblemIncidentsLinked(facts, List.copyOf(all.subList(from, Math.min(all.size(), from + LISTED_INCIDENT_IDS)))));
        }
        return events;
    }

    public List<ProblemEvent> startAnalysis(Instant now) {
        require(START_ANALYSIS);
        return moveTo(ProblemState.UNDER_ANALYSIS, now, ProblemAnalysisStarted::new);
    }

    /** The root cause (category + analysis) and, if known already, a workaround. */
    public List<ProblemEvent> recordRootCause(String category, String analysis, String workaround, Instant now) {
        require(RECORD_ROOT_CAUSE);
        rootCauseCategory = category;
        rootCauseAnalysis = analysis;
        if (blankToNull(workaround) != null) {
            this.workaround = workaround;
        }
        return moveTo(ProblemState.ROOT_CAUSE_KNOWN, now, RootCauseIdentified::new);
    }

    /** 409 unless {@code command} is allowed now: for checks the service makes before it changes anything. */
    public void requireAllowed(Command command) {
        require(command);
    }

    /** The known error was published or revised: KNOWN_ERROR, with the known error's workaround. */
    public List<ProblemEvent> knownErrorPublished(UUID knownErrorId, String workaround,
            Function<Instant, KnownErrorFacts> knownError, Instant now) {
        require(PUBLISH_KNOWN_ERROR);
        this.knownErrorId = knownErrorId;
        this.workaround = workaround;
        return moveTo(ProblemState.KNOWN_ERROR, now, f -> new KnownErrorPublished(f, knownError.apply(now)));
    }

    /** The known error was retired (close, cancel): only the event, the problem's own state moved already. */
    public ProblemEvent knownErrorRetired(KnownErrorFacts knownError, String reason, Instant now) {
        return new KnownErrorRetired(facts(now), knownError, reason);
    }

    /** Links {@code changeId} as the fix: FIX_IN_PROGRESS (an existing RELATED link becomes the FIX). */
    public List<ProblemEvent> proposeFix(UUID changeId, String changeNumber, String actor, Instant now) {
        require(PROPOSE_FIX);
        changes.removeIf(c -> c.changeId().equals(changeId));
        changes.add(new ChangeLink(changeId, ChangeRelation.FIX, now, actor));
        fixChangeId = changeId;
        return moveTo(ProblemState.FIX_IN_PROGRESS, now, f -> new ProblemChangeLinked(f, changeId, changeNumber,
                ChangeRelation.FIX));
    }

    /** The fix change is implemented: FIX_VERIFICATION for {@code period}. */
    public List<ProblemEvent> resolve(Duration period, Instant now) {
        require(RESOLVE);
        resolvedAt = now;
        verificationEndsAt = now.plus(period);
        UUID change = fixChangeId;
        return moveTo(ProblemState.FIX_VERIFICATION, now, f -> new ProblemResolved(f, change));
    }

    /** The fix change was canceled or rejected: back to KNOWN_ERROR (the FIX link stays, as a record). */
    public List<ProblemEvent> abandonFix(String changeState, Instant now) {
        if (state != ProblemState.FIX_IN_PROGRESS) {
            throw new IllegalStateException("no fix in progress on " + number);
        }
        UUID change = fixChangeId;
        fixChangeId = null;
        return moveTo(ProblemState.KNOWN_ERROR, now, f -> new ProblemFixAbandoned(f, change, changeState));
    }

    /**
     * Back to KNOWN_ERROR: the fix did not hold. {@code incidentId} is the matching incident that
     * reopened it ({@code automatic}), or null for the command.
     */
    public List<ProblemEvent> reopen(String reason, UUID incidentId, boolean automatic, Instant now) {
        require(REOPEN);
        reopenCount++;
        fixChangeId = null;
        verificationEndsAt = null;
        resolvedAt = null;
        return moveTo(ProblemState.KNOWN_ERROR, now, f -> new ProblemReopened(f, reason, incidentId, automatic));
    }

    /** Closed early by a problem manager. */
    public List<ProblemEvent> close(Instant now) {
        require(CLOSE);
        closedAt = now;
        return moveTo(ProblemState.CLOSED, now, ProblemClosed::new);
    }

    /** The verification period ended with no recurrence: verified, then closed. */
    public List<ProblemEvent> closeVerified(Instant now) {
        require(CLOSE);
        List<ProblemEvent> events = new ArrayList<>();
        touch(now);
        events.add(new ProblemFixVerified(facts(now)));
        events.addAll(close(now));
        return events;
    }

    public List<ProblemEvent> cancel(String reason, Instant now) {
        require(CANCEL);
        canceledAt = now;
        cancelReason = reason;
        return moveTo(ProblemState.CANCELED, now, f -> new ProblemCanceled(f, reason));
    }

    /** Field edits (PATCH): a changed published fact is a {@code ProblemUpdated} naming it; no change, no event. */
    public List<ProblemEvent> edit(Edit e, PriorityMatrix matrix, Instant now) {
        require(UPDATE);
        Map<String, String> before = snapshot();
        title = e.title();
        description = blankToNull(e.description());
        serviceIds = distinct(e.serviceIds());
        ciIds = distinct(e.ciIds());
        impact = e.impact();
        urgency = e.urgency();
        priority = matrix.priorityOf(impact, urgency);
        assignmentGroup = blankToNull(e.assignmentGroup());
        assignee = blankToNull(e.assignee());
        Map<String, String> after = snapshot();
        List<String> changed = EDITED_FACTS.stream().filter(f -> !Objects.equals(before.get(f), after.get(f))).toList();
        if (changed.isEmpty()) {
            return List.of();
        }
        touch(now);
        return List.of(new ProblemUpdated(facts(now), changed));
    }

    /** Links an incident; an incident already linked here changes nothing (no event). */
    public List<ProblemEvent> linkIncident(UUID incidentId, String incidentNumber, String actor, boolean automatic,
            Instant now) {
        require(LINK_INCIDENT);
        if (linksIncident(incidentId)) {
            return List.of();
        }
        incidents.add(new IncidentLink(incidentId, now, actor));
        touch(now);
        return List.of(new ProblemIncidentLinked(facts(now), incidentId, incidentNumber, automatic));
    }

    /**
     * Links the incidents a problem is logged with, before {@link #logged()}: its {@code linkedIncidentIds} names them
     * and no {@code ProblemIncidentLinked} is published for them.
     */
    public void linkAtLogging(List<UUID> incidentIds, String actor, Instant now) {
        require(LINK_INCIDENT);
        Set<UUID> linked = new HashSet<>(allLinkedIncidentIds());
        for (UUID incidentId : incidentIds) {
            if (linked.add(incidentId)) {
                incidents.add(new IncidentLink(incidentId, now, actor));
            }
        }
    }

    /** Unlinks an incident; one not linked here changes nothing (no event). */
    public List<ProblemEvent> unlinkIncident(UUID incidentId, String incidentNumber, Instant now) {
        require(LINK_INCIDENT);
        if (!incidents.removeIf(l -> l.incidentId().equals(incidentId))) {
            return List.of();
        }
        touch(now);
        return List.of(new ProblemIncidentUnlinked(facts(now), incidentId, incidentNumber, false));
    }

    /** Links a change for reference (RELATED); an existing link of either kind changes nothing. */
    public List<ProblemEvent> linkRelatedChange(UUID changeId, String changeNumber, String actor, Instant now) {
        require(LINK_CHANGE);
        if (changeLink(changeId).isPresent()) {
            return List.of();
        }
        changes.add(new ChangeLink(changeId, ChangeRelation.RELATED, now, actor));
        touch(now);
        return List.of(new ProblemChangeLinked(facts(now), changeId, changeNumber, ChangeRelation.RELATED));
    }

    public boolean linksIncident(UUID incidentId) {
        return incidents.stream().anyMatch(l -> l.incidentId().equals(incidentId));
    }

    public Optional<ChangeLink> changeLink(UUID changeId) {
        return changes.stream().filter(c -> c.changeId().equals(changeId)).findFirst();
    }

    /** Field values as text, for the history's old → new entries. */
    public Map<String, String> snapshot() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("title", title);
        s.put("description", description);
        s.put("serviceIds", join(serviceIds));
        s.put("ciIds", join(ciIds));
        s.put("impact", str(impact));
        s.put("urgency", str(urgency));
        s.put("priority", str(priority));
        s.put("state", str(state));
        s.put("assignmentGroup", assignmentGroup);
        s.put("assignee", assignee);
        s.put("rootCauseCategory", rootCauseCategory);
        s.put("rootCauseAnalysis", rootCauseAnalysis);
        s.put("workaround", workaround);
        s.put("knownErrorId", str(knownErrorId));
        s.put("fixChangeId", str(fixChangeId));
        s.put("verificationEndsAt", str(verificationEndsAt));
        s.put("cancelReason", cancelReason);
        s.put("reopenCount", String.valueOf(reopenCount));
        // the count, not the ids: every link would otherwise write the whole list twice (old → new) into the history
        s.put("linkedIncidentCount", String.valueOf(linkedIncidentCount()));
        s.put("linkedChangeIds", join(linkedChangeIds()));
        return s;
    }

    /**
     * The facts as of this change. {@code version} is the one this change commits: Hibernate adds one to
     * a changed problem's version when it flushes (a new one starts at 0), so the event and the ETag of
     * the response agree.
     */
    public ProblemFacts facts(Instant occurredAt) {
        return new ProblemFacts(id, number, title, description, List.copyOf(serviceIds), List.copyOf(ciIds), impact,
                urgency, priority, state, assignmentGroup, assignee, rootCauseCategory, rootCauseAnalysis, workaround,
                knownErrorId, fixChangeId, linkedIncidentIds(), linkedIncidentCount(), linkedChangeIds(), verificationEndsAt, reopenCount,
                loggedBy, loggedAt, created ? version : version + 1, occurredAt);
    }

    /**
     * The first {@value #LISTED_INCIDENT_IDS} incidents linked, in id order: what a view and every event's facts name
     * ({@link #linkedIncidentCount} counts all).
     */
    public List<UUID> linkedIncidentIds() {
        List<UUID> all = allLinkedIncidentIds();
        return all.size() <= LISTED_INCIDENT_IDS ? all : List.copyOf(all.subList(0, LISTED_INCIDENT_IDS));
    }

    /** Every incident linked, in id order. */
    public List<UUID> allLinkedIncidentIds() {
        return incidents.stream().map(IncidentLink::incidentId).sorted(ID_ORDER).toList();
    }

    public int linkedIncidentCount() {
        return incidents.size();
    }

    /** The changes linked (fix and related), by id. */
    public List<UUID> linkedChangeIds() {
        return changes.stream().map(ChangeLink::changeId).sorted().toList();
    }

    private void require(Command command) {
        if (!state.allows(command)) {
            throw new IllegalTransitionException("problem", state, command.wireName(), state.allowedCommands());
        }
    }

    /** Enters {@code next} and returns the one event that says so (built from the facts after the move). */
    private List<ProblemEvent> moveTo(ProblemState next, Instant now, Function<ProblemFacts, ProblemEvent> event) {
        state = next;
        touch(now);
        return List.of(event.apply(facts(now)));
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return ids == null ? new ArrayList<>() : new ArrayList<>(ids.stream().filter(Objects::nonNull).distinct().toList());
    }

    private static String join(List<UUID> ids) {
        return ids.isEmpty() ? null : String.join(",", ids.stream().map(UUID::toString).toList());
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
    public List<UUID> serviceIds() { return List.copyOf(serviceIds); }
    public List<UUID> ciIds() { return List.copyOf(ciIds); }
    public Impact impact() { return impact; }
    public Urgency urgency() { return urgency; }
    public Priority priority() { return priority; }
    public ProblemState state() { return state; }
    public String assignmentGroup() { return assignmentGroup; }
    public String assignee() { return assignee; }
    public String rootCauseCategory() { return rootCauseCategory; }
    public String rootCauseAnalysis() { return rootCauseAnalysis; }
    public String workaround() { return workaround; }
    public UUID knownErrorId() { return knownErrorId; }
    public UUID fixChangeId() { return fixChangeId; }
    public Instant verificationEndsAt() { return verificationEndsAt; }
    public UUID candidateId() { return candidateId; }
    public String loggedBy() { return loggedBy; }
    public Instant loggedAt() { return loggedAt; }
    public Instant resolvedAt() { return resolvedAt; }
    public Instant closedAt() { return closedAt; }
    public Instant canceledAt() { return canceledAt; }
    public String cancelReason() { return cancelReason; }
    public int reopenCount() { return reopenCount; }
    public Set<IncidentLink> incidentLinks() { return Set.copyOf(incidents); }
    public Set<ChangeLink> changeLinks() { return Set.copyOf(changes); }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Problem other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
