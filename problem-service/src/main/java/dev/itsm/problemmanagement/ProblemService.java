package dev.itsm.problemmanagement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.problemmanagement.api.CreateProblemRequest;
import dev.itsm.problemmanagement.api.HistoryEntryView;
import dev.itsm.problemmanagement.api.KnownErrorRequest;
import dev.itsm.problemmanagement.api.ProblemEdit;
import dev.itsm.problemmanagement.events.ProblemEvent;
import dev.itsm.problemmanagement.knownerror.KnownError;
import dev.itsm.problemmanagement.replica.ChangeReplica;
import dev.itsm.problemmanagement.replica.IncidentReplica;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Transactions around the {@link Problem} aggregate: load, call one domain method, save, write the
 * history entry and append the returned events to the outbox — all in one transaction. The
 * {@code on…} methods are called by the event handlers (replica package) inside the inbox's transaction.
 */
@ApplicationScoped
@Startup // builds the priority matrix at start-up, so an incomplete matrix fails fast
public class ProblemService {

    /** The actor of what the service does by itself (automatic links, reopen, close). */
    public static final String SYSTEM = "problem-service";
    /** The actor of history entries caused by the change service's events. */
    static final String CHANGE_SERVICE = "change-service";
    private static final String REPLICA_LAG = " (the replica is fed by events and may lag behind by a moment: retry shortly)";

    private final Outbox outbox;
    private final HistoryRecorder history;
    private final PriorityMatrix matrix;
    private final ProblemConfig config;
    private final Clock clock;
    private final MergePatch mergePatch;

    ProblemService(Outbox outbox, HistoryRecorder history, ProblemConfig config, Clock clock, MergePatch mergePatch) {
        this.outbox = outbox;
        this.history = history;
        this.config = config;
        this.matrix = new PriorityMatrix(config.priorityMatrix());
        this.clock = clock;
        this.mergePatch = mergePatch;
    }

    // ------------------------------------------------------------------ logging

    /** Logs a problem, with the request's incidents linked. */
    @Transactional
    public Problem log(CreateProblemRequest request, String actor) {
        return create(request, null, request.incidentIds(), actor);
    }

    /**
     * Logs a problem accepted from a recurrence candidate (called by the candidate package): LOGGED with
     * {@code incidentIds} (and any in the request) linked; {@code ProblemLogged} names the candidate.
     */
    @Transactional
    public Problem logFromCandidate(UUID candidateId, List<UUID> incidentIds, CreateProblemRequest request, String actor) {
        Set<UUID> all = new LinkedHashSet<>(incidentIds);
        if (request.incidentIds() != null) {
            all.addAll(request.incidentIds());
        }
        return create(request, candidateId, List.copyOf(all), actor);
    }

    private Problem create(CreateProblemRequest r, UUID candidateId, List<UUID> incidentIds, String actor) {
        if (isEmpty(r.serviceIds()) && isEmpty(r.ciIds())) {
            throw new ValidationException("serviceIds", "name at least one affected service (serviceIds) or CI (ciIds)");
        }
        List<IncidentReplica> incidents = new ArrayList<>();
        for (UUID incidentId : incidentIds == null ? List.<UUID>of() : new LinkedHashSet<>(incidentIds)) {
            IncidentReplica incident = requireIncident(incidentId);
            requireNotLinkedElsewhere(incidentId, null);
            incidents.add(incident);
        }
        Instant now = clock.instant();
        Problem problem = Problem.log(UUID.randomUUID(), nextNumber("problem_number_seq", "PRB"),
                new Problem.Logging(r.title(), r.description(), r.serviceIds(), r.ciIds(), r.impact(), r.urgency(),
                        r.assignmentGroup(), r.assignee()), candidateId, actor, matrix, now);
        // the incidents logged with it are named by ProblemLogged (linkedIncidentIds) and, beyond the first 1,000, by
        // ProblemIncidentsLinked, not one ProblemIncidentLinked each: N link events, each with the facts, carried
        // 1 + 2 + … + N ids (accepting a candidate of 5,118 incidents: ~500 MB of payloads, an OutOfMemoryError)
        problem.linkAtLogging(incidents.stream().map(IncidentReplica::incidentId).toList(), actor, now);
        List<ProblemEvent> events = problem.logged();
        problem.persist();
        Map<String, String> after = problem.snapshot();
        history.recordDiff(problem.id(), actor, "log", HistoryRecorder.empty(after), after,
                candidateId == null ? null : "Accepted from recurrence candidate " + candidateId, now);
        outbox.appendAll(events);
        return problem;
    }

    // ------------------------------------------------------------------ commands

    @Transactional
    public Problem startAnalysis(UUID id, String ifMatch, String actor) {
        return execute(id, ifMatch, actor, "start-analysis", null, p -> p.startAnalysis(clock.instant()));
    }

    @Transactional
    public Problem recordRootCause(UUID id, String ifMatch, String actor, String category, String analysis,
            String workaround) {
        return execute(id, ifMatch, actor, "record-root-cause", null,
                p -> p.recordRootCause(category, analysis, workaround, clock.instant()));
    }

    /**
     * Publishes the problem's known error, or revises it (same known error, revision + 1): the
     * workaround defaults to the problem's, the root cause is the problem's analysis, the services
     * and CIs are the problem's.
     */
    @Transactional
    public Problem publishKnownError(UUID id, String ifMatch, String actor, KnownErrorRequest request) {
        Problem problem = get(id);
        ETags.requireMatch(ifMatch, problem.version());
        problem.requireAllowed(Command.PUBLISH_KNOWN_ERROR);
        String workaround = blankToNull(request.workaround()) != null ? request.workaround() : problem.workaround();
        if (workaround == null) {
            throw new ValidationException("workaround", "is required: the problem has no workaround yet");
        }
        Instant now = clock.instant();
        KnownError.Content content = new KnownError.Content(
                blankToNull(request.title()) != null ? request.title() : problem.title(), request.symptoms(), workaround,
                problem.rootCauseAnalysis(), problem.serviceIds(), problem.ciIds());
        KnownError existing = problem.knownErrorId() == null ? null : KnownError.findById(problem.knownErrorId());
        KnownError knownError;
        if (existing == null) {
            knownError = KnownError.publish(UUID.randomUUID(), nextNumber("known_error_number_seq", "KE"), problem.id(),
                    content, now);
            knownError.persist();
        } else {
            existing.revise(content, now);
            knownError = existing;
        }
        apply(problem, actor, "publish-known-error", knownError.number() + " revision " + knownError.revision(),
                p -> p.knownErrorPublished(knownError.id(), workaround, t -> knownError.facts(), now));
        return problem;
    }

    /**
     * Proposes a change (known to the change replica) as the fix: FIX_IN_PROGRESS; a change already
     * implemented resolves it at once (FIX_VERIFICATION).
     */
    @Transactional
    public Problem proposeFix(UUID id, String ifMatch, String actor, UUID changeId) {
        Problem problem = get(id);
        ETags.requireMatch(ifMatch, problem.version());
        problem.requireAllowed(Command.PROPOSE_FIX);
        ChangeReplica change = requireChange(changeId);
        if ("CANCELED".equals(change.state()) || "REJECTED".equals(change.state())) {
            throw new UnprocessableException("change-abandoned", "Change canceled or rejected",
                    "Change " + label(change) + " is " + change.state() + " and cannot fix the problem",
                    Map.of("changeId", changeId.toString(), "changeState", change.state()));
        }
        apply(problem, actor, "propose-fix", "Fix: change " + label(change), p -> {
            Instant now = clock.instant();
            List<ProblemEvent> events = new ArrayList<>(p.proposeFix(changeId, change.number(), actor, now));
            if (change.implemented()) {
                events.addAll(p.resolve(config.fixVerification().period(), now));
            }
            return events;
        });
        return problem;
    }

    /** Resolves by command: only once the fix change is implemented (usually it happens by itself on ChangeImplemented). */
    @Transactional
    public Problem resolve(UUID id, String ifMatch, String actor) {
        Problem problem = get(id);
        ETags.requireMatch(ifMatch, problem.version());
        problem.requireAllowed(Command.RESOLVE);
        ChangeReplica change = ChangeReplica.findById(problem.fixChangeId());
        if (change == null || !change.implemented()) {
            throw new ConflictException("fix-not-implemented", "Fix change not implemented",
                    "The fix change " + (change == null ? problem.fixChangeId() : label(change))
                            + " is not implemented yet; the problem resolves once it is",
                    Map.of("changeId", String.valueOf(problem.fixChangeId()),
                            "changeState", change == null ? "UNKNOWN" : change.state()));
        }
        apply(problem, actor, "resolve", null, p -> p.resolve(config.fixVerification().period(), clock.instant()));
        return problem;
    }

    @Transactional
    public Problem reopen(UUID id, String ifMatch, String actor, String reason) {
        return execute(id, ifMatch, actor, "reopen", reason, p -> p.reopen(reason, null, false, clock.instant()));
    }

    /** Closes early (during FIX_VERIFICATION); the known error is retired. */
    @Transactional
    public Problem close(UUID id, String ifMatch, String actor) {
        return execute(id, ifMatch, actor, "close", null, p -> {
            Instant now = clock.instant();
            return concat(p.close(now), retireKnownError(p, "Problem " + p.number() + " closed", now));
        });
    }

    @Transactional
    public Problem cancel(UUID id, String ifMatch, String actor, String reason) {
        return execute(id, ifMatch, actor, "cancel", reason, p -> {
            Instant now = clock.instant();
            return concat(p.cancel(reason, now), retireKnownError(p, "Problem " + p.number() + " canceled: " + reason, now));
        });
    }

    /** Applies a JSON merge patch to the problem's editable fields ({@link ProblemEdit}). */
    @Transactional
    public Problem edit(UUID id, String ifMatch, String actor, JsonNode patch) {
        return execute(id, ifMatch, actor, "update", null, p -> {
            Problem.Edit edited = mergePatch.apply(ProblemEdit.of(p), patch, ProblemEdit.class, ProblemEdit.FIXED).values();
            if (isEmpty(edited.serviceIds()) && isEmpty(edited.ciIds())) {
                throw new ValidationException("serviceIds", "a problem keeps at least one affected service or CI");
            }
            return p.edit(edited, matrix, clock.instant());
        });
    }

    // ------------------------------------------------------------------ links

    /** Links an incident known to the replica and linked to no other problem; linking it again changes nothing. */
    @Transactional
    public Problem linkIncident(UUID id, String ifMatch, String actor, UUID incidentId) {
        Problem problem = get(id);
        ETags.requireMatch(ifMatch, problem.version());
        problem.requireAllowed(Command.LINK_INCIDENT);
        IncidentReplica incident = requireIncident(incidentId);
        requireNotLinkedElsewhere(incidentId, id);
        apply(problem, actor, "link-incident", "Incident " + label(incident),
                p -> p.linkIncident(incidentId, incident.number(), actor, false, clock.instant()));
        return problem;
    }

    @Transactional
    public Problem unlinkIncident(UUID id, String ifMatch, String actor, UUID incidentId) {
        Problem problem = get(id);
        ETags.requireMatch(ifMatch, problem.version());
        problem.requireAllowed(Command.LINK_INCIDENT);
        if (!problem.linksIncident(incidentId)) {
            throw new NotFoundException("Linked incident", incidentId);
        }
        IncidentReplica incident = IncidentReplica.findById(incidentId);
        String number = incident == null ? null : incident.number();
        apply(problem, actor, "unlink-incident", "Incident " + (number == null ? incidentId : number),
                p -> p.unlinkIncident(incidentId, number, clock.instant()));
        return problem;
    }

    /** Links a related change known to the replica (the fix is linked by propose-fix). */
    @Transactional
    public Problem linkChange(UUID id, String ifMatch, String actor, UUID changeId) {
        Problem problem = get(id);
        ETags.requireMatch(ifMatch, problem.version());
        problem.requireAllowed(Command.LINK_CHANGE);
        ChangeReplica change = requireChange(changeId);
        apply(problem, actor, "link-change", "Related change " + label(change),
                p -> p.linkRelatedChange(changeId, change.number(), actor, clock.instant()));
        return problem;
    }

    // ------------------------------------------------------------------ from other services' events (P2's handlers)

    /**
     * An incident was opened (or reopened): every problem in FIX_VERIFICATION it matches — its CI is one of
     * the problem's CIs, or the problem names no CI and its service is one of the problem's — is reopened
     * (→ KNOWN_ERROR) and links the incident unless another problem has it. An incident opened before
     * the problem was resolved (an old event arriving late) reopens nothing.
     */
    @Transactional
    public void onIncidentOpened(UUID incidentId, UUID serviceId, UUID ciId, String incidentNumber, Instant at) {
        if (serviceId == null && ciId == null) {
            return;
        }
        List<String> match = new ArrayList<>();
        if (ciId != null) {
            match.add("ci_ids @> array[cast(:ci as uuid)]");
        }
        if (serviceId != null) {
            match.add("(cardinality(ci_ids) = 0 and service_ids @> array[cast(:service as uuid)])");
        }
        var query = Panache.getEntityManager().createNativeQuery("select * from problem where state = 'FIX_VERIFICATION' and ("
                + String.join(" or ", match) + ") order by number", Problem.class);
        if (ciId != null) {
            query.setParameter("ci", ciId);
        }
        if (serviceId != null) {
            query.setParameter("service", serviceId);
        }
        @SuppressWarnings("unchecked")
        List<Problem> matching = query.getResultList();
        String incident = incidentNumber == null ? incidentId.toString() : incidentNumber;
        for (Problem problem : matching) {
            if (at != null && problem.resolvedAt() != null && at.isBefore(problem.resolvedAt())) {
                continue;
            }
            boolean linkable = linkedProblemOf(incidentId) == null || problem.linksIncident(incidentId);
            String reason = "Matching incident " + incident + " opened during fix verification";
            apply(problem, SYSTEM, "reopen", reason, p -> {
                Instant now = clock.instant();
                List<ProblemEvent> events = new ArrayList<>(p.reopen(reason, incidentId, true, now));
                if (linkable) {
                    events.addAll(p.linkIncident(incidentId, incidentNumber, SYSTEM, true, now));
                }
                return events;
            });
        }
    }

    /** The change proposed as a fix is implemented: its FIX_IN_PROGRESS problems move to FIX_VERIFICATION. */
    @Transactional
    public void onChangeImplemented(UUID changeId, String changeNumber, Instant at) {
        for (Problem problem : fixedBy(changeId)) {
            apply(problem, CHANGE_SERVICE, "resolve", "Fix change " + (changeNumber == null ? changeId : changeNumber)
                    + " implemented", p -> p.resolve(config.fixVerification().period(), clock.instant()));
        }
    }

    /** The change proposed as a fix was canceled or rejected: its FIX_IN_PROGRESS problems go back to KNOWN_ERROR. */
    @Transactional
    public void onChangeAbandoned(UUID changeId, String changeNumber, String changeState, Instant at) {
        for (Problem problem : fixedBy(changeId)) {
            apply(problem, CHANGE_SERVICE, "fix-abandoned", "Fix change " + (changeNumber == null ? changeId : changeNumber)
                    + " " + changeState, p -> p.abandonFix(changeState, clock.instant()));
        }
    }

    /**
     * Closes one problem whose fix verification period is over with no recurrence (own transaction;
     * used by {@link FixVerificationCloser}): ProblemFixVerified, ProblemClosed, KnownErrorRetired.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean closeVerified(UUID id, Instant now) {
        Problem problem = Problem.findById(id);
        if (problem == null || problem.state() != ProblemState.FIX_VERIFICATION || problem.verificationEndsAt() == null
                || problem.verificationEndsAt().isAfter(now)) {
            return false;
        }
        apply(problem, SYSTEM, "fix-verified", "No recurrence during the verification period ("
                + config.fixVerification().period() + ")",
                p -> concat(p.closeVerified(now), retireKnownError(p, "Problem " + p.number() + " closed: fix verified", now)));
        return true;
    }

    // ------------------------------------------------------------------ reads

    public Problem get(UUID id) {
        Problem problem = Problem.findById(id);
        if (problem == null) {
            throw new NotFoundException("Problem", id);
        }
        return problem;
    }

    public Page<HistoryEntryView> history(UUID problemId, PageRequest page) {
        get(problemId);
        var query = ProblemHistory.find("problemId = ?1 order by id", problemId);
        List<HistoryEntryView> items = query.page(page.page(), page.size()).<ProblemHistory>list().stream()
                .map(HistoryEntryView::of).toList();
        return new Page<>(items, page.page(), page.size(), query.count());
    }

    /** The problem an incident is linked to, or null. */
    public UUID linkedProblemOf(UUID incidentId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = Panache.getEntityManager()
                .createNativeQuery("select problem_id from problem_incident where incident_id = ?1", UUID.class)
                .setParameter(1, incidentId).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    // ------------------------------------------------------------------ internals

    private Problem execute(UUID id, String ifMatch, String actor, String action, String detail,
            Function<Problem, List<ProblemEvent>> command) {
        Problem problem = get(id);
        ETags.requireMatch(ifMatch, problem.version());
        apply(problem, actor, action, detail, command);
        return problem;
    }

    private void apply(Problem problem, String actor, String action, String detail,
            Function<Problem, List<ProblemEvent>> command) {
        Map<String, String> before = problem.snapshot();
        List<ProblemEvent> events = command.apply(problem);
        // Flush now, so a concurrent change (version mismatch) fails this request as 409 before anything commits.
        Panache.getEntityManager().flush();
        history.recordDiff(problem.id(), actor, action, before, problem.snapshot(), detail, clock.instant());
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
    }

    /** Retires the problem's ACTIVE known error, with its event; none when there is none. */
    private static List<ProblemEvent> retireKnownError(Problem problem, String reason, Instant now) {
        if (problem.knownErrorId() == null) {
            return List.of();
        }
        KnownError knownError = KnownError.findById(problem.knownErrorId());
        if (knownError == null || !knownError.retire(now)) {
            return List.of();
        }
        return List.of(problem.knownErrorRetired(knownError.facts(), reason, now));
    }

    private static List<Problem> fixedBy(UUID changeId) {
        return Problem.list("fixChangeId = ?1 and state = ?2 order by number", changeId, ProblemState.FIX_IN_PROGRESS);
    }

    private static IncidentReplica requireIncident(UUID incidentId) {
        IncidentReplica incident = IncidentReplica.findById(incidentId);
        if (incident == null) {
            throw new UnprocessableException("unknown-incident", "Unknown incident",
                    "Incident " + incidentId + " is not known to problem-service" + REPLICA_LAG,
                    Map.of("incidentId", incidentId.toString()));
        }
        return incident;
    }

    private void requireNotLinkedElsewhere(UUID incidentId, UUID problemId) {
        UUID linked = linkedProblemOf(incidentId);
        if (linked != null && !linked.equals(problemId)) {
            Problem other = Problem.findById(linked);
            throw new ConflictException("incident-already-linked", "Incident linked to another problem",
                    "Incident " + incidentId + " is already linked to problem " + (other == null ? linked : other.number())
                            + "; unlink it there first",
                    Map.of("incidentId", incidentId.toString(), "problemId", linked.toString()));
        }
    }

    private static ChangeReplica requireChange(UUID changeId) {
        ChangeReplica change = ChangeReplica.findById(changeId);
        if (change == null) {
            throw new UnprocessableException("unknown-change", "Unknown change",
                    "Change " + changeId + " is not known to problem-service" + REPLICA_LAG,
                    Map.of("changeId", changeId.toString()));
        }
        return change;
    }

    private static String label(ChangeReplica change) {
        return change.number() == null ? change.changeId().toString() : change.number() + " (" + change.changeId() + ")";
    }

    private static String label(IncidentReplica incident) {
        return incident.number() == null ? incident.incidentId().toString()
                : incident.number() + " (" + incident.incidentId() + ")";
    }

    private static String nextNumber(String sequence, String prefix) {
        Number n = (Number) Panache.getEntityManager().createNativeQuery("select nextval('" + sequence + "')")
                .getSingleResult();
        return String.format("%s%07d", prefix, n.longValue());
    }

    private static List<ProblemEvent> concat(List<ProblemEvent> a, List<ProblemEvent> b) {
        List<ProblemEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
