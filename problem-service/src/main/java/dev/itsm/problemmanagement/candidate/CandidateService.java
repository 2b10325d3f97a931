package dev.itsm.problemmanagement.candidate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.problemmanagement.Impact;
import dev.itsm.problemmanagement.Problem;
import dev.itsm.problemmanagement.ProblemService;
import dev.itsm.problemmanagement.Urgency;
import dev.itsm.problemmanagement.api.CreateProblemRequest;
import dev.itsm.problemmanagement.candidate.CandidateView.CandidateIncidentView;
import dev.itsm.problemmanagement.candidate.ProblemCandidate.Member;
import dev.itsm.problemmanagement.replica.IncidentReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Reading and deciding recurrence candidates. An OPEN candidate is shown with the incidents that still count (linking
 * one to a problem drops it from the view at once, and from its stored members at the next sweep); accepting one logs a
 * problem with exactly those incidents through the problem core, in the same transaction.
 */
@ApplicationScoped
public class CandidateService {

    static final Keyset.Column<ProblemCandidate> DETECTED_AT = Keyset.Column.of("detected_at", Instant.class,
            ProblemCandidate::detectedAt);
    static final Keyset.Column<ProblemCandidate> ID = Keyset.Column.of("id", UUID.class, ProblemCandidate::id);
    /** Newest first; (state, detected_at, id) is indexed for the usual ?state=OPEN. */
    static final Keyset<ProblemCandidate> NEWEST_FIRST = Keyset.of(Sort.parse(null, Map.of("detectedAt", "detected_at"),
            "-detectedAt"), List.of(DETECTED_AT), List.of(ID));

    private final ProblemService problems;
    private final CandidateDetector detector;
    private final CandidateMembers members;
    private final CandidateConfig config;
    private final EntityManager em;
    private final Clock clock;

    CandidateService(ProblemService problems, CandidateDetector detector, CandidateMembers members,
            CandidateConfig config, EntityManager em, Clock clock) {
        this.problems = problems;
        this.detector = detector;
        this.members = members;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public CandidateView get(UUID id) {
        return views(List.of(require(id))).get(0);
    }

    @Transactional
    public Page<CandidateView> list(List<CandidateState> states, List<CandidateKind> kinds, PageRequest request) {
        NativeKeysetQuery<ProblemCandidate> query = new NativeKeysetQuery<>("problem_candidate", ProblemCandidate.class);
        if (!states.isEmpty()) {
            query.where("state in (:states)", Map.of("states", states.stream().map(Enum::name).toList()));
        }
        if (!kinds.isEmpty()) {
            query.where("kind in (:kinds)", Map.of("kinds", kinds.stream().map(Enum::name).toList()));
        }
        Page<ProblemCandidate> page = query.page(em, NEWEST_FIRST, request, false);
        List<CandidateView> views = views(page.items());
        return new Page<>(views, page.page(), page.size(), page.total(), page.totalExact(), page.next());
    }

    /**
     * Logs a problem of the candidate's incidents (those not linked elsewhere meanwhile), fields from {@code request}
     * where given, else from the candidate; the candidate is ACCEPTED with the problem's id. 409 when it is not OPEN
     * or none of its incidents is left.
     */
    @Transactional
    public Problem accept(UUID id, AcceptCandidateRequest request, String actor) {
        ProblemCandidate candidate = require(id);
        candidate.checkAllowed(CandidateCommand.ACCEPT);
        List<Member> current = detector.currentMembers(candidate.id());
        if (current.isEmpty()) {
            throw new ConflictException("candidate-empty", "Candidate has no incidents left",
                    "Every incident of candidate " + id + " is linked to a problem or canceled; nothing is left to accept",
                    Map.of("candidateId", id.toString()));
        }
        List<UUID> incidentIds = current.stream().map(Member::incidentId).toList();
        List<IncidentReplica> incidents = IncidentReplica.list("incidentId in ?1", incidentIds);
        AcceptCandidateRequest r = request == null ? new AcceptCandidateRequest(null, null, null, null, null, null) : request;
        Set<UUID> ciIds = new LinkedHashSet<>();
        if (candidate.kind() == CandidateKind.UPSTREAM_CI) {
            ciIds.add(candidate.keyId()); // the CI they all depend on is the first suspect
        }
        incidents.stream().map(IncidentReplica::ciId).filter(c -> c != null).forEach(ciIds::add);
        Set<UUID> serviceIds = incidents.stream().map(IncidentReplica::serviceId).filter(s -> s != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        CreateProblemRequest create = new CreateProblemRequest(
                r.title() != null ? r.title() : "Recurring incidents on " + candidate.keyName(),
                r.description() != null ? r.description() : describe(candidate, incidents),
                List.copyOf(serviceIds), List.copyOf(ciIds),
                r.impact() != null ? r.impact() : Impact.MEDIUM,
                r.urgency() != null ? r.urgency() : Urgency.MEDIUM,
                r.assignmentGroup(), r.assignee(), null);
        Problem problem = problems.logFromCandidate(id, incidentIds, create, actor);
        candidate.accept(problem.id(), actor, clock.instant());
        return problem;
    }

    /** Dismissed: the key stays quiet for one window, so the incidents that made it cannot bring it back. */
    @Transactional
    public CandidateView dismiss(UUID id, String reason, String actor) {
        ProblemCandidate candidate = require(id);
        Instant now = clock.instant();
        candidate.dismiss(reason, actor, now, now.plus(config.window()));
        return views(List.of(candidate)).get(0);
    }

    private static ProblemCandidate require(UUID id) {
        ProblemCandidate c = ProblemCandidate.findById(id);
        if (c == null) {
            throw new NotFoundException("Problem candidate", id);
        }
        return c;
    }

    private static String describe(ProblemCandidate c, List<IncidentReplica> incidents) {
        String what = switch (c.kind()) {
            case CI -> "on CI " + c.keyName();
            case SERVICE -> "on " + c.keyName();
            case UPSTREAM_CI -> "on CIs that depend on " + c.keyName();
        };
        // the first incidents by number; the problem's incident links list them all
        String named = incidents.stream().limit(CandidateView.EMBEDDED)
                .map(i -> i.number() != null ? i.number() : i.incidentId().toString()).collect(Collectors.joining(", "));
        String more = incidents.size() > CandidateView.EMBEDDED
                ? " and " + (incidents.size() - CandidateView.EMBEDDED) + " more (GET /api/v1/problems/{id}/incidents)" : "";
        return incidents.size() + " incidents " + what + " between " + c.firstOpenedAt() + " and " + c.lastOpenedAt()
                + ": " + named + more + " (accepted from recurrence candidate " + c.id() + ")";
    }

    /** One page of all the candidate's incidents, in the order of {@link CandidateView#incidentIds()}. */
    @Transactional
    public Page<CandidateIncidentView> incidents(UUID id, PageRequest page) {
        ProblemCandidate c = require(id);
        List<UUID> ids = incidentIdsOf(List.of(c)).get(c.id());
        int from = (int) Math.min(ids.size(), page.offset());
        List<UUID> slice = ids.subList(from, Math.min(ids.size(), from + page.size()));
        return new Page<>(incidentViews(slice), page.page(), page.size(), ids.size());
    }

    /**
     * Views of candidates with their first {@value CandidateView#EMBEDDED} incidents, in four queries however many
     * candidates and incidents: a busy service's SERVICE candidate gathers thousands (all of them are paged by
     * {@link #incidents}).
     */
    private List<CandidateView> views(List<ProblemCandidate> candidates) {
        Map<UUID, List<UUID>> idsOf = incidentIdsOf(candidates);
        List<UUID> shown = new ArrayList<>();
        idsOf.values().forEach(ids -> shown.addAll(ids.subList(0, Math.min(ids.size(), CandidateView.EMBEDDED))));
        // an incident may be in several candidates of the page (its CI's and its service's): one view serves all
        Map<UUID, CandidateIncidentView> known = incidentViews(List.copyOf(new LinkedHashSet<>(shown))).stream()
                .collect(Collectors.toMap(CandidateIncidentView::incidentId, Function.identity()));
        List<CandidateView> views = new ArrayList<>(candidates.size());
        for (ProblemCandidate c : candidates) {
            List<UUID> ids = idsOf.get(c.id());
            List<UUID> first = ids.subList(0, Math.min(ids.size(), CandidateView.EMBEDDED));
            List<CandidateIncidentView> incidents = first.stream().map(known::get).filter(Objects::nonNull).toList();
            views.add(new CandidateView(c.id(), c.kind(), c.keyId(), c.keyName(), c.state(), c.state().allowedCommands(),
                    List.copyOf(first), ids.size(), incidents, c.firstOpenedAt(), c.lastOpenedAt(), c.detectedAt(),
                    c.problemId(), c.dismissedUntil(), c.decidedBy(), c.decidedAt(), c.decisionReason(), c.updatedAt(),
                    c.version()));
        }
        return views;
    }

    /** Each candidate's incidents, oldest first; while OPEN only those that still count (not linked, not canceled). */
    private Map<UUID, List<UUID>> incidentIdsOf(List<ProblemCandidate> candidates) {
        Map<UUID, List<UUID>> membersOf = members.of(candidates.stream().map(ProblemCandidate::id).toList());
        Set<UUID> all = new HashSet<>();
        membersOf.values().forEach(all::addAll);
        Set<UUID> counting = new HashSet<>(detector.counting(all).stream().map(Member::incidentId).toList());
        Map<UUID, List<UUID>> idsOf = new HashMap<>();
        for (ProblemCandidate c : candidates) {
            boolean open = c.state() == CandidateState.OPEN;
            idsOf.put(c.id(), membersOf.getOrDefault(c.id(), List.of()).stream()
                    .filter(i -> !open || counting.contains(i)).toList());
        }
        return idsOf;
    }

    /** These incidents as the replica knows them, in the given order (one the replica lacks is left out). */
    private static List<CandidateIncidentView> incidentViews(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, IncidentReplica> known = IncidentReplica.<IncidentReplica>list("incidentId in ?1", Set.copyOf(ids)).stream()
                .collect(Collectors.toMap(IncidentReplica::incidentId, Function.identity()));
        List<CandidateIncidentView> views = new ArrayList<>(ids.size());
        for (UUID i : ids) {
            IncidentReplica r = known.get(i);
            if (r != null) {
                views.add(new CandidateIncidentView(i, r.number(), r.title(), r.state(), r.priority(), r.serviceId(),
                        r.ciId(), r.openedAt()));
            }
        }
        return views;
    }
}
