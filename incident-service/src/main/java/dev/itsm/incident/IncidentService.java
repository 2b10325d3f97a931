package dev.itsm.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.incident.api.AssignRequest;
import dev.itsm.incident.api.HistoryEntryView;
import dev.itsm.incident.api.IncidentEdit;
import dev.itsm.incident.catalog.CatalogCi;
import dev.itsm.incident.catalog.CatalogService;
import dev.itsm.incident.events.IncidentEvent;
import dev.itsm.incident.knownerror.KnownErrorFacts;
import dev.itsm.incident.knownerror.KnownErrorMatch;
import dev.itsm.incident.knownerror.KnownErrorMatcher;
import dev.itsm.incident.knownerror.KnownErrorNotes;
import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Transactions around the {@link Incident} aggregate: load, call one domain method, save, write the
 * history entry and append the returned events to the outbox — all in one transaction.
 */
@ApplicationScoped
@Startup // builds the priority matrix at start-up, so an incomplete matrix fails fast
public class IncidentService {

    public static final String SYSTEM = "system";
    /** The actor of history entries caused by the change service's events. */
    static final String CHANGE_SERVICE = "change-service";
    /** The author of known-error work notes and actor of their history entries. */
    public static final String PROBLEM_SERVICE = "problem-service";
    /** The actor of history entries (and author of work notes) caused by monitoring-service's alert groups. */
    public static final String MONITORING_SERVICE = "monitoring-service";
    /** Most known-error work notes a new incident starts with. */
    static final int INTAKE_NOTES = 3;
    private static final String ASSIGN_GROUP = "assignmentGroup";
    private static final String ASSIGN_PERSON = "assignee";

    private final Outbox outbox;
    private final HistoryRecorder history;
    private final PriorityMatrix matrix;
    private final IncidentConfig config;
    private final Clock clock;
    private final MergePatch mergePatch;
    private final KnownErrorMatcher knownErrors;
    private final KnownErrorNotes knownErrorNotes;

    IncidentService(Outbox outbox, HistoryRecorder history, IncidentConfig config, Clock clock, MergePatch mergePatch,
            KnownErrorMatcher knownErrors, KnownErrorNotes knownErrorNotes) {
        this.outbox = outbox;
        this.history = history;
        this.config = config;
        this.matrix = new PriorityMatrix(config.priorityMatrix());
        this.clock = clock;
        this.mergePatch = mergePatch;
        this.knownErrors = knownErrors;
        this.knownErrorNotes = knownErrorNotes;
    }

    /**
     * A newly opened incident with what its view shows, read while opening it: the service's name (its
     * replica row was just checked for LIVE) and the ACTIVE known errors matching it (just matched for
     * the intake notes), so the 201 needs no second look-up of either.
     */
    public record Opened(Incident incident, String serviceName, List<KnownErrorMatch> knownErrors) {
    }

    @Transactional
    public Opened open(Incident.Opening o, String actor) {
        CatalogService service = requireLiveService(o.serviceId());
        if (o.ciId() != null) {
            requireCi(o.ciId());
        }
        if (o.parentIncidentId() != null) {
            requireOpenMajor(o.parentIncidentId(), null);
        }
        Instant now = clock.instant();
        Incident incident = Incident.open(UUID.randomUUID(), nextNumber(), o, matrix, now);
        incident.persist();
        Map<String, String> after = incident.snapshot();
        history.recordDiff(incident.id(), actor, "open", HistoryRecorder.empty(after), after, null, now);
        outbox.appendAll(incident.opened());
        List<KnownErrorMatch> matches = knownErrors.matching(incident.ciId(), incident.serviceId(),
                Math.max(INTAKE_NOTES, KnownErrorMatcher.MAX_SHOWN));
        noteMatchingKnownErrors(incident, matches, now);
        return new Opened(incident, service.name(),
                matches.subList(0, Math.min(KnownErrorMatcher.MAX_SHOWN, matches.size())));
    }

    /**
     * Known error at intake: the workaround of every ACTIVE known error matching the new incident's CI
     * or service (CI first, at most {@link #INTAKE_NOTES}) is a work note from the start, in the
     * transaction that opens it, so the agent who picks it up reads it at once.
     */
    private void noteMatchingKnownErrors(Incident incident, Instant now) {
        noteMatchingKnownErrors(incident, knownErrors.matching(incident.ciId(), incident.serviceId(), INTAKE_NOTES), now);
    }

    /** As above, from the matches already read (CI first; the first {@link #INTAKE_NOTES} are noted). */
    private void noteMatchingKnownErrors(Incident incident, List<KnownErrorMatch> matches, Instant now) {
        if (matches.isEmpty()) {
            return;
        }
        Panache.getEntityManager().flush(); // the notes' rows reference the incident's
        for (KnownErrorMatch match : matches.subList(0, Math.min(INTAKE_NOTES, matches.size()))) {
            if (knownErrorNotes.markNoted(incident.id(), match.knownError().id(), match.knownError().revision(), now)) {
                persistNote(incident.id(), IncidentNote.Kind.WORK_NOTE, match.note(), PROBLEM_SERVICE, now);
                history.record(incident.id(), PROBLEM_SERVICE, "known-error-match", List.of(), abbreviate(match.note()), now);
            }
        }
    }

    @Transactional
    public Incident acknowledge(UUID id, String ifMatch, String actor) {
        return execute(id, ifMatch, actor, "acknowledge", null, i -> i.acknowledge(clock.instant()));
    }

    /**
     * Assigns with the body's fields merged onto the current assignment (JSON merge patch rules):
     * an omitted field stays as it is, {@code null} (or blank) clears it; someone must remain assigned.
     */
    @Transactional
    public Incident assign(UUID id, String ifMatch, String actor, JsonNode body) {
        if (!body.has(ASSIGN_GROUP) && !body.has(ASSIGN_PERSON)) {
            throw new ValidationException(ASSIGN_GROUP, "assignmentGroup or assignee is required");
        }
        return execute(id, ifMatch, actor, "assign", null, i -> {
            AssignRequest merged = mergePatch.apply(new AssignRequest(i.assignmentGroup(), i.assignee()), body,
                    AssignRequest.class);
            String group = QueryParams.text(merged.assignmentGroup());
            String person = QueryParams.text(merged.assignee());
            if (group == null && person == null) {
                throw new ValidationException(ASSIGN_GROUP,
                        "assignmentGroup or assignee is required: the incident would be assigned to nobody");
            }
            return i.assign(group, person, clock.instant());
        });
    }

    @Transactional
    public Incident hold(UUID id, String ifMatch, String actor, HoldReason reason, String note) {
        Incident incident = execute(id, ifMatch, actor, "hold", note, i -> i.hold(reason, clock.instant()));
        if (note != null && !note.isBlank()) {
            persistNote(incident.id(), IncidentNote.Kind.WORK_NOTE, note, actor, clock.instant());
        }
        return incident;
    }

    @Transactional
    public Incident resume(UUID id, String ifMatch, String actor) {
        return execute(id, ifMatch, actor, "resume", null, i -> i.resume(clock.instant()));
    }

    /** Resolves the incident; a major incident resolves its open children too (each with its own event). */
    @Transactional
    public Incident resolve(UUID id, String ifMatch, String actor, ResolutionCode code, String notes) {
        Incident parent = execute(id, ifMatch, actor, "resolve", null, i -> i.resolve(code, notes, clock.instant()));
        resolveChildren(parent, actor);
        return parent;
    }

    /** A resolved major incident resolves its open children (each with its own event and history entry). */
    private void resolveChildren(Incident parent, String actor) {
        if (!parent.majorIncident()) {
            return;
        }
        List<Incident> children = Incident.list("parentIncidentId = ?1 and state in ?2 order by number",
                parent.id(), List.of(IncidentState.NEW, IncidentState.IN_PROGRESS, IncidentState.ON_HOLD));
        for (Incident child : children) {
            apply(child, actor, "resolve-with-parent", "Resolved with major incident " + parent.number(),
                    c -> c.resolveWithParent(parent, clock.instant()));
        }
    }

    @Transactional
    public Incident reopen(UUID id, String ifMatch, String actor, String reason) {
        return execute(id, ifMatch, actor, "reopen", reason,
                i -> i.reopen(reason, config.reopenWindow(), clock.instant()));
    }

    @Transactional
    public Incident close(UUID id, String ifMatch, String actor) {
        return execute(id, ifMatch, actor, "close", null, i -> i.close(clock.instant()));
    }

    @Transactional
    public Incident cancel(UUID id, String ifMatch, String actor, String reason) {
        return execute(id, ifMatch, actor, "cancel", reason, i -> i.cancel(reason, clock.instant()));
    }

    @Transactional
    public Incident declareMajor(UUID id, String ifMatch, String actor) {
        return execute(id, ifMatch, actor, "declare-major", null, i -> i.declareMajor(clock.instant()));
    }

    /** Applies a JSON merge patch to the incident's editable fields ({@link IncidentEdit}). */
    @Transactional
    public Incident edit(UUID id, String ifMatch, String actor, JsonNode patch) {
        return execute(id, ifMatch, actor, "update", null, i -> {
            Incident.Edit edited = mergePatch.apply(IncidentEdit.of(i.editable()), patch, IncidentEdit.class,
                    IncidentEdit.FIXED).values();
            if (edited.ciId() != null && !edited.ciId().equals(i.ciId())) {
                requireCi(edited.ciId());
            }
            if (edited.parentIncidentId() != null && !edited.parentIncidentId().equals(i.parentIncidentId())) {
                requireOpenMajor(edited.parentIncidentId(), id);
            }
            return i.edit(edited, matrix, clock.instant());
        });
    }

    /**
     * Applies a link made or removed on the change side ({@code ChangeIncidentLinked}/{@code Unlinked})
     * in the caller's transaction (the inbox's). History and {@code IncidentUpdated} only when the
     * incident changed: an existing link is not announced again, which ends the exchange with the
     * change service. Returns false when this service does not know the incident.
     */
    @Transactional
    public boolean applyChangeLink(UUID incidentId, UUID changeId, String changeNumber, boolean linked) {
        Incident incident = Incident.findById(incidentId);
        if (incident == null) {
            return false;
        }
        String change = changeNumber == null ? changeId.toString() : changeNumber + " (" + changeId + ")";
        Instant now = clock.instant();
        Map<String, String> before = incident.snapshot();
        List<IncidentEvent> events = linked ? incident.linkChange(changeId.toString(), now)
                : incident.unlinkChange(changeId.toString(), now);
        if (!events.isEmpty()) {
            history.recordDiff(incident.id(), CHANGE_SERVICE, linked ? "change-linked" : "change-unlinked", before,
                    incident.snapshot(), (linked ? "Linked from change " : "Unlinked from change ") + change, now);
            outbox.appendAll(events);
        }
        return true;
    }

    /**
     * The problem this incident is linked to has a known error ({@code KnownErrorPublished}, or
     * {@code ProblemIncidentLinked} of a problem that has one), applied in the caller's transaction (the
     * inbox's): an open incident takes its id ({@code IncidentUpdated} naming {@code knownErrorId}, once)
     * and a work note with the workaround (once per revision), with a history entry. A resolved, closed or
     * canceled incident is left as it is: its work is done, a workaround no longer helps anyone. Returns
     * false when this service does not know the incident.
     */
    @Transactional
    public boolean applyKnownError(UUID incidentId, KnownErrorFacts knownError) {
        Incident incident = Incident.findById(incidentId);
        if (incident == null) {
            return false;
        }
        if (!incident.state().isOpen()) {
            return true;
        }
        Instant now = clock.instant();
        Map<String, String> before = incident.snapshot();
        List<IncidentEvent> events = incident.linkKnownError(knownError.knownErrorId(), now);
        Panache.getEntityManager().flush(); // a concurrent change of the incident fails here, and is retried
        boolean news = knownErrorNotes.markNoted(incident.id(), knownError.knownErrorId(), knownError.revision(), now);
        if (news) {
            persistNote(incident.id(), IncidentNote.Kind.WORK_NOTE, knownError.note(), PROBLEM_SERVICE, now);
        }
        if (news || !events.isEmpty()) {
            history.recordDiff(incident.id(), PROBLEM_SERVICE, "known-error", before, incident.snapshot(),
                    abbreviate(knownError.note()), now);
        }
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        return true;
    }

    // ------------------------------------------------------------------ monitoring-service's alert groups
    // Called by monitoring.MonitoringEventHandler in the inbox transaction; it decides what an alert group's
    // event means for its incident, these apply it. None of them throws for a state the handler checked:
    // an exception would roll back the whole inbox batch.

    /** The incident opened most recently for an alert group, whatever its state; null when there is none. */
    public Incident latestForAlertGroup(UUID alertGroupId) {
        return Incident.find("alertGroupId = ?1 order by openedAt desc, id desc", alertGroupId).firstResult();
    }

    /**
     * Opens an incident for an alert group (source MONITORING), declared major at once when the group
     * spans several services. The caller chose a service and CI this replica knows; known errors matching
     * them are noted as for any new incident.
     */
    @Transactional
    public Incident openForAlertGroup(Incident.Opening o, UUID alertGroupId, long groupVersion, boolean major,
            String detail) {
        Instant now = clock.instant();
        Incident incident = Incident.openForAlertGroup(UUID.randomUUID(), nextNumber(), o, alertGroupId, groupVersion,
                matrix, now);
        incident.persist();
        Map<String, String> after = incident.snapshot();
        history.recordDiff(incident.id(), MONITORING_SERVICE, "open", HistoryRecorder.empty(after), after, detail, now);
        outbox.appendAll(incident.opened());
        if (major) {
            Panache.getEntityManager().flush(); // the history row of declare-major follows the incident's
            apply(incident, MONITORING_SERVICE, "declare-major", detail, i -> i.declareMajor(clock.instant()));
        }
        noteMatchingKnownErrors(incident, now);
        return incident;
    }

    /**
     * An open incident follows its growing alert group: declared major when the group spans several
     * services (unless it is a child of another major incident), impact and urgency raised to the group's
     * when those are higher (never lowered: an agent may have raised them). Returns whether anything changed.
     */
    @Transactional
    public boolean escalateForAlertGroup(Incident incident, boolean major, Impact impact, Urgency urgency,
            long groupVersion, String detail) {
        if (!incident.state().isOpen()) {
            incident.followAlertGroup(groupVersion);
            return false;
        }
        boolean changed = false;
        Impact raisedImpact = impact != null && impact.ordinal() < incident.impact().ordinal() ? impact : incident.impact();
        Urgency raisedUrgency = urgency != null && urgency.ordinal() < incident.urgency().ordinal() ? urgency
                : incident.urgency();
        if (raisedImpact != incident.impact() || raisedUrgency != incident.urgency()) {
            Incident.Edit e = incident.editable();
            Incident.Edit raised = new Incident.Edit(e.title(), e.description(), e.category(), raisedImpact, raisedUrgency,
                    e.ciId(), e.parentIncidentId(), e.linkedChangeIds());
            apply(incident, MONITORING_SERVICE, "escalate", detail, i -> i.edit(raised, matrix, clock.instant()));
            changed = true;
        }
        if (major && !incident.majorIncident() && incident.parentIncidentId() == null) {
            apply(incident, MONITORING_SERVICE, "declare-major", detail, i -> i.declareMajor(clock.instant()));
            changed = true;
        }
        if (changed) {
            // an alert that joins and raises nothing leaves the incident as it is: recording the group's version
            // for it would be an UPDATE per alert of a storm; the versions that keep a late, stale event from
            // undoing something are those of the changes (this one, opening, resolving, reopening)
            incident.followAlertGroup(groupVersion);
        }
        return changed;
    }

    /**
     * All alerts of the group cleared: an open incident is resolved (acknowledged first when still NEW)
     * with the group's resolution note — unless an agent has taken it over (an assignee is set) and
     * {@code incident.monitoring.resolve-when-taken-over} is false: then a work note tells the agent, who
     * decides. Returns whether it was resolved.
     */
    @Transactional
    public boolean resolveForAlertGroup(Incident incident, String resolutionNote, long groupVersion) {
        incident.followAlertGroup(groupVersion);
        if (!incident.state().isOpen()) {
            return false;
        }
        if (incident.assignee() != null && !config.monitoring().resolveWhenTakenOver()) {
            noteForAlertGroup(incident, "Alerts cleared: " + resolutionNote + " Not resolved automatically: "
                    + incident.assignee() + " has taken the incident over.");
            return false;
        }
        if (incident.state() == IncidentState.NEW) {
            apply(incident, MONITORING_SERVICE, "acknowledge", null, i -> i.acknowledge(clock.instant()));
        }
        ResolutionCode code = config.monitoring().resolutionCode();
        apply(incident, MONITORING_SERVICE, "resolve", resolutionNote, i -> i.resolve(code, resolutionNote, clock.instant()));
        resolveChildren(incident, MONITORING_SERVICE);
        return true;
    }

    /**
     * The group fired again: a RESOLVED incident is reopened when still within the reopen window. Past
     * the window it can only be closed, so it is closed now (it would be automatically soon): the group's
     * new incident takes its place (one not-closed incident per group). Returns false when it was not
     * reopened: the caller opens a new incident.
     */
    @Transactional
    public boolean reopenForAlertGroup(Incident incident, String reason, long groupVersion) {
        incident.followAlertGroup(groupVersion);
        if (incident.state() != IncidentState.RESOLVED) {
            return false;
        }
        if (clock.instant().isAfter(incident.resolvedAt().plus(config.reopenWindow()))) {
            apply(incident, MONITORING_SERVICE, "close", "Past its reopen window (" + config.reopenWindow()
                    + ") when its alert group fired again; a new incident is opened", i -> i.close(clock.instant()));
            return false;
        }
        apply(incident, MONITORING_SERVICE, "reopen", reason, i -> i.reopen(reason, config.reopenWindow(), clock.instant()));
        return true;
    }

    /** Records that an event of the group changed nothing here, so that older ones are recognised as stale. */
    @Transactional
    public void followAlertGroup(Incident incident, long groupVersion) {
        incident.followAlertGroup(groupVersion);
    }

    /** A work note by monitoring-service, with its history entry. */
    @Transactional
    public void noteForAlertGroup(Incident incident, String text) {
        Instant now = clock.instant();
        persistNote(incident.id(), IncidentNote.Kind.WORK_NOTE, text, MONITORING_SERVICE, now);
        history.record(incident.id(), MONITORING_SERVICE, "work-note", List.of(), abbreviate(text), now);
    }

    /** The assignment group of incidents opened for alert groups, if configured. */
    public String monitoringAssignmentGroup() {
        return config.monitoring().assignmentGroup().map(QueryParams::text).orElse(null);
    }

    /** Closes one RESOLVED incident whose auto-close time has come (own transaction; used by {@link AutoCloser}). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean closeAutomatically(UUID id, Instant now) {
        Incident incident = Incident.findById(id);
        if (incident == null || incident.state() != IncidentState.RESOLVED
                || incident.resolvedAt().plus(config.autoClose().after()).isAfter(now)) {
            return false;
        }
        apply(incident, SYSTEM, "auto-close", "Closed automatically " + config.autoClose().after()
                + " after resolution", i -> i.close(now));
        return true;
    }

    @Transactional
    public IncidentNote addNote(UUID incidentId, IncidentNote.Kind kind, String text, String actor) {
        get(incidentId);
        Instant now = clock.instant();
        IncidentNote note = persistNote(incidentId, kind, text, actor, now);
        history.record(incidentId, actor, kind == IncidentNote.Kind.WORK_NOTE ? "work-note" : "comment",
                List.of(), abbreviate(text), now);
        return note;
    }

    public Incident get(UUID id) {
        Incident incident = Incident.findById(id);
        if (incident == null) {
            throw new NotFoundException("Incident", id);
        }
        return incident;
    }

    public IncidentNote note(UUID incidentId, UUID noteId) {
        IncidentNote note = IncidentNote.findById(noteId);
        if (note == null || !note.incidentId().equals(incidentId)) {
            throw new NotFoundException("Note", noteId);
        }
        return note;
    }

    public Page<IncidentNote> notes(UUID incidentId, PageRequest page) {
        get(incidentId);
        var query = IncidentNote.find("incidentId = ?1 order by createdAt, id", incidentId);
        return new Page<>(query.page(page.page(), page.size()).list(), page.page(), page.size(), query.count());
    }

    public Page<HistoryEntryView> history(UUID incidentId, PageRequest page) {
        get(incidentId);
        var query = IncidentHistory.find("incidentId = ?1 order by id", incidentId);
        List<HistoryEntryView> items = query.page(page.page(), page.size()).<IncidentHistory>list().stream()
                .map(HistoryEntryView::of).toList();
        return new Page<>(items, page.page(), page.size(), query.count());
    }

    /** Names of services in the replica, for the views. */
    public Map<UUID, String> serviceNames(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            // = any(array): one statement whatever the number of ids (HQL "in ?1" is re-translated per list size)
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager()
                    .createNativeQuery("select service_id, name from catalog_service where service_id = any(?1)", Object[].class)
                    .setParameter(1, Set.copyOf(ids).toArray(UUID[]::new)).getResultList();
            rows.forEach(r -> names.put((UUID) r[0], (String) r[1]));
        }
        return names;
    }

    // ------------------------------------------------------------------ internals

    private Incident execute(UUID id, String ifMatch, String actor, String action, String detail,
            Function<Incident, List<IncidentEvent>> command) {
        Incident incident = get(id);
        ETags.requireMatch(ifMatch, incident.version());
        apply(incident, actor, action, detail, command);
        return incident;
    }

    private void apply(Incident incident, String actor, String action, String detail,
            Function<Incident, List<IncidentEvent>> command) {
        Map<String, String> before = incident.snapshot();
        List<IncidentEvent> events = command.apply(incident);
        // Flush now, so a concurrent change (version mismatch) fails this request as 409 before anything commits.
        Panache.getEntityManager().flush();
        history.recordDiff(incident.id(), actor, action, before, incident.snapshot(), detail, clock.instant());
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
    }

    private IncidentNote persistNote(UUID incidentId, IncidentNote.Kind kind, String text, String actor, Instant now) {
        IncidentNote note = IncidentNote.write(incidentId, kind, text, actor, now);
        note.persist();
        return note;
    }

    private CatalogService requireLiveService(UUID serviceId) {
        CatalogService service = CatalogService.findById(serviceId);
        if (service == null) {
            throw new UnprocessableException("unknown-service", "Unknown service",
                    "Service " + serviceId + " is not in the service catalogue", Map.of("serviceId", serviceId.toString()));
        }
        if (!service.isLive()) {
            throw new UnprocessableException("service-not-live", "Service is not live",
                    "Service '" + service.name() + "' (" + serviceId + ") is " + service.status()
                            + "; incidents can be opened only against LIVE services",
                    Map.of("serviceId", serviceId.toString(), "serviceName", service.name(), "serviceStatus", service.status()));
        }
        return service;
    }

    private void requireCi(UUID ciId) {
        CatalogCi ci = CatalogCi.findById(ciId);
        if (ci == null || ci.deleted()) {
            throw new UnprocessableException("unknown-ci", "Unknown configuration item",
                    "Configuration item " + ciId + (ci == null ? " is not in the CMDB" : " (" + ci.name() + ") was deleted"),
                    Map.of("ciId", ciId.toString()));
        }
    }

    private void requireOpenMajor(UUID parentId, UUID childId) {
        Incident parent = Incident.findById(parentId);
        if (parent == null || !parent.majorIncident() || !parent.state().isOpen() || parent.id().equals(childId)) {
            throw new UnprocessableException("invalid-parent-incident", "Invalid parent incident",
                    "Parent incident " + parentId + " must exist, be a major incident and be open",
                    Map.of("parentIncidentId", parentId.toString()));
        }
    }

    private String nextNumber() {
        Number n = (Number) Panache.getEntityManager().createNativeQuery("select nextval('incident_number_seq')")
                .getSingleResult();
        return number(n.longValue());
    }

    /** {@code INC} and at least seven digits (String.format's locale and pattern handling showed up per request). */
    static String number(long n) {
        String digits = Long.toString(n);
        return digits.length() >= 7 ? "INC" + digits : "INC" + "0000000".substring(digits.length()) + digits;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

}
