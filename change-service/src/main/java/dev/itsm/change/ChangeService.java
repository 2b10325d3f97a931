package dev.itsm.change;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.change.api.ChangeCreateRequest;
import dev.itsm.change.api.ChangeView;
import dev.itsm.change.api.CommandRequests;
import dev.itsm.change.api.ConflictReport;
import dev.itsm.change.approval.ApprovalPolicy;
import dev.itsm.change.catalog.CatalogGraph;
import dev.itsm.change.events.ChangeEvent;
import dev.itsm.change.incident.IncidentLinks;
import dev.itsm.change.model.ChangeModel;
import dev.itsm.change.risk.RiskAssessment;
import dev.itsm.change.risk.RiskAssessor;
import dev.itsm.change.risk.RiskQuestion;
import dev.itsm.change.schedule.Conflict;
import dev.itsm.change.schedule.DependencyGraph;
import dev.itsm.change.schedule.ScheduleService;
import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Transactions of the change request: load, call one aggregate command, save, append its events. */
@ApplicationScoped
public class ChangeService {

    private final EntityManager em;
    private final Outbox outbox;
    private final ScheduleService schedule;
    private final CatalogGraph graph;
    private final IncidentLinks links;
    private final ApprovalPolicy policy;
    private final RiskAssessor risk;
    private final Clock clock;

    ChangeService(EntityManager em, Outbox outbox, ScheduleService schedule, CatalogGraph graph, IncidentLinks links,
            ChangeConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.schedule = schedule;
        this.graph = graph;
        this.links = links;
        this.policy = ApprovalPolicy.parse(config.approvalPolicy());
        this.risk = new RiskAssessor(
                config.risk().questions().entrySet().stream()
                        .map(e -> new RiskQuestion(e.getKey(), e.getValue().text(), e.getValue().weight()))
                        .sorted(java.util.Comparator.comparing(RiskQuestion::id)).toList(),
                config.risk().pointsPerImpactedService(), config.risk().maxImpactPoints(),
                config.risk().mediumScore(), config.risk().highScore());
        // microseconds: what PostgreSQL stores, so an event and the re-read change show the same instant
        this.clock = Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1_000));
    }

    public List<RiskQuestion> riskQuestions() {
        return risk.questions();
    }

    // ------------------------------------------------------------------------------ create / read

    @Transactional
    public ChangeView create(ChangeCreateRequest r, Actor actor) {
        Instant now = clock.instant();
        String implementation = r.implementationPlan();
        String backout = r.backoutPlan();
        String test = r.testPlan();
        if (r.type() == ChangeType.STANDARD) {
            if (r.modelId() == null) {
                throw new ValidationException("modelId", "a STANDARD change must name the change model it instantiates");
            }
            ChangeModel model = ChangeModel.findById(r.modelId());
            if (model == null || !model.active) {
                throw new UnprocessableException("unknown-change-model", "Change model not usable",
                        "Change model " + r.modelId() + " does not exist or is not active");
            }
            List<UUID> bad = model.disallowed(orEmpty(r.serviceIds()), orEmpty(r.ciIds()));
            if (!bad.isEmpty()) {
                throw new UnprocessableException("outside-change-model", "Scope outside the change model",
                        "Change model '" + model.name + "' does not allow " + bad, Map.of("disallowed", bad));
            }
            implementation = implementation != null ? implementation : model.implementationPlan;
            backout = backout != null ? backout : model.backoutPlan;
            test = test != null ? test : model.testPlan;
        } else if (r.modelId() != null) {
            throw new ValidationException("modelId", "only STANDARD changes instantiate a change model");
        }
        long seq = ((Number) em.createNativeQuery("select nextval('change_number_seq')").getSingleResult()).longValue();
        ChangeRequest.Draft draft = new ChangeRequest.Draft(r.title().strip(), r.description(), r.justification(), r.type(),
                r.modelId(), r.serviceIds(), r.ciIds(), implementation, backout, test, r.plannedStart(), r.plannedEnd());
        ChangeRequest.Created created = ChangeRequest.request(UUID.randomUUID(), String.format("CHG%07d", seq), draft,
                actor.name(), now);
        created.change().persist();
        outbox.appendAll(created.events());
        em.flush();
        return view(created.change());
    }

    @Transactional
    public ChangeView get(UUID id) {
        return view(load(id));
    }

    @Transactional
    public Page<ChangeView> list(PageRequest page, String orderBy, ChangeState state, ChangeType type, Risk riskLevel,
            UUID serviceId, String requestedBy) {
        StringBuilder where = new StringBuilder(" where 1=1");
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        if (state != null) {
            where.append(" and state = :state");
            params.put("state", state.name());
        }
        if (type != null) {
            where.append(" and type = :type");
            params.put("type", type.name());
        }
        if (riskLevel != null) {
            where.append(" and risk = :risk");
            params.put("risk", riskLevel.name());
        }
        if (serviceId != null) {
            where.append(" and service_ids like :service");
            params.put("service", "%" + serviceId + "%");
        }
        if (requestedBy != null && !requestedBy.isBlank()) {
            where.append(" and requested_by = :requestedBy");
            params.put("requestedBy", requestedBy);
        }
        var count = em.createNativeQuery("select count(*) from change_request" + where);
        var select = em.createNativeQuery("select id from change_request" + where + " order by " + orderBy
                + " limit :limit offset :offset");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        select.setParameter("limit", page.size()).setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<UUID> ids = select.getResultList();
        Map<UUID, ChangeRequest> byId = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            ChangeRequest.<ChangeRequest>list("id in ?1", ids).forEach(c -> byId.put(c.id, c));
        }
        List<ChangeView> items = ids.stream().map(byId::get).map(c -> ChangeView.of(c, List.of())).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    // ------------------------------------------------------------------------------ edits

    /** JSON merge patch of the plain fields; a window/scope change of a SCHEDULED change is re-checked for conflicts. */
    @Transactional
    public ChangeView patch(UUID id, String ifMatch, JsonNode patch, Actor actor) {
        ChangeRequest c = load(id);
        ETags.requireMatch(ifMatch, c.version);
        c.requireEditable();
        Set<UUID> scopeBefore = new HashSet<>(c.serviceIds);
        scopeBefore.addAll(c.ciIds);
        Instant startBefore = c.plannedStart;
        Instant endBefore = c.plannedEnd;
        applyPatch(c, patch);
        ChangeRequest.requireWindowOrder(c.plannedStart, c.plannedEnd);
        Set<UUID> scopeAfter = new HashSet<>(c.serviceIds);
        scopeAfter.addAll(c.ciIds);
        boolean windowOrScopeChanged = !scopeBefore.equals(scopeAfter) || !java.util.Objects.equals(startBefore, c.plannedStart)
                || !java.util.Objects.equals(endBefore, c.plannedEnd);
        Instant now = clock.instant();
        c.updatedAt = now;
        if (c.state == ChangeState.SCHEDULED && windowOrScopeChanged) {
            schedule.lockSchedule();
            List<Conflict> conflicts = schedule.conflicts(c.window());
            outbox.appendAll(c.rescheduled(conflicts, ChangeRequest.Override.none(actor.name()), now));
        }
        em.flush();
        return view(c);
    }

    private static final Set<String> PATCHABLE = Set.of("title", "description", "justification", "implementationPlan",
            "backoutPlan", "testPlan", "plannedStart", "plannedEnd", "serviceIds", "ciIds");

    private void applyPatch(ChangeRequest c, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new ValidationException("body", "must be a JSON object (merge patch)");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            JsonNode v = e.getValue();
            if (!PATCHABLE.contains(f)) {
                errors.add(new Problem.FieldError(f, "cannot be changed with PATCH; allowed: " + String.join(", ", PATCHABLE.stream().sorted().toList())));
                continue;
            }
            try {
                switch (f) {
                    case "title" -> {
                        String t = text(v);
                        if (t == null || t.isBlank() || t.length() > 200) {
                            errors.add(new Problem.FieldError(f, "must not be blank and at most 200 characters"));
                        } else {
                            c.title = t.strip();
                        }
                    }
                    case "description" -> c.description = text(v);
                    case "justification" -> c.justification = text(v);
                    case "implementationPlan" -> c.implementationPlan = text(v);
                    case "backoutPlan" -> c.backoutPlan = text(v);
                    case "testPlan" -> c.testPlan = text(v);
                    case "plannedStart" -> c.plannedStart = v.isNull() ? null : Instant.parse(text(v));
                    case "plannedEnd" -> c.plannedEnd = v.isNull() ? null : Instant.parse(text(v));
                    case "serviceIds" -> c.serviceIds = uuids(v);
                    case "ciIds" -> c.ciIds = uuids(v);
                    default -> throw new IllegalStateException(f);
                }
            } catch (RuntimeException ex) {
                errors.add(new Problem.FieldError(f, switch (f) {
                    case "plannedStart", "plannedEnd" -> "must be an ISO-8601 instant, e.g. 2026-12-05T22:00:00Z";
                    case "serviceIds", "ciIds" -> "must be an array of UUIDs";
                    default -> "must be a string";
                }));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (c.type == ChangeType.STANDARD && c.modelId != null) {
            ChangeModel model = ChangeModel.findById(c.modelId);
            List<UUID> bad = model == null ? List.of() : model.disallowed(c.serviceIds, c.ciIds);
            if (!bad.isEmpty()) {
                throw new UnprocessableException("outside-change-model", "Scope outside the change model",
                        "Change model '" + model.name + "' does not allow " + bad, Map.of("disallowed", bad));
            }
        }
    }

    private static String text(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("not a string");
        }
        return v.asText();
    }

    private static List<UUID> uuids(JsonNode v) {
        if (v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("not an array");
        }
        List<UUID> out = new ArrayList<>();
        for (JsonNode n : v) {
            out.add(UUID.fromString(n.asText()));
        }
        return ChangeRequest.distinct(out);
    }

    // ------------------------------------------------------------------------------ commands

    @Transactional
    public ChangeView submit(UUID id, String ifMatch, Actor actor) {
        ChangeRequest c = loadFor(id, ifMatch);
        RiskAssessment emergency = null;
        List<dev.itsm.change.approval.LevelSpec> levels = List.of();
        if (c.type == ChangeType.EMERGENCY && c.allowedCommands().contains(ChangeLifecycle.SUBMIT)) {
            emergency = risk.assess(Map.of(), impactedServices(c), false);
            levels = policy.levelsFor(ChangeType.EMERGENCY, emergency.risk());
        }
        return apply(c, c.submit(actor.name(), emergency, levels, clock.instant()));
    }

    @Transactional
    public ChangeView assess(UUID id, String ifMatch, CommandRequests.Assess body, Actor actor) {
        ChangeRequest c = loadFor(id, ifMatch);
        if (!c.allowedCommands().contains(ChangeLifecycle.ASSESS)) {
            throw new IllegalTransitionException("change " + c.number, c.state, ChangeLifecycle.ASSESS, c.allowedCommands());
        }
        RiskAssessment assessment = risk.assess(body.answers(), impactedServices(c), true);
        return apply(c, c.assess(assessment, r -> policy.levelsFor(c.type, r), actor.name(), clock.instant()));
    }

    @Transactional
    public ChangeView approve(UUID id, String ifMatch, CommandRequests.Decide body, Actor actor) {
        ChangeRequest c = loadFor(id, ifMatch);
        return apply(c, c.approve(actor.name(), body == null ? null : body.comment(), clock.instant()));
    }

    @Transactional
    public ChangeView reject(UUID id, String ifMatch, CommandRequests.Decide body, Actor actor) {
        ChangeRequest c = loadFor(id, ifMatch);
        return apply(c, c.reject(actor.name(), body == null ? null : body.comment(), clock.instant()));
    }

    @Transactional
    public ChangeView schedule(UUID id, String ifMatch, CommandRequests.Schedule body, Actor actor) {
        schedule.lockSchedule();
        ChangeRequest c = loadFor(id, ifMatch);
        List<Conflict> conflicts = c.allowedCommands().contains(ChangeLifecycle.SCHEDULE) && c.hasWindow()
                && c.plannedEnd.isAfter(c.plannedStart) ? schedule.conflicts(c.window()) : List.of();
        boolean override = body != null && body.override();
        ChangeRequest.Override o = new ChangeRequest.Override(override, actor.name(), actor.changeManager(),
                body == null ? null : body.justification());
        return apply(c, c.schedule(conflicts, o, clock.instant()));
    }

    @Transactional
    public ChangeView start(UUID id, String ifMatch, Actor actor) {
        ChangeRequest c = loadFor(id, ifMatch);
        return apply(c, c.start(actor.name(), clock.instant()));
    }

    @Transactional
    public ChangeView complete(UUID id, String ifMatch) {
        ChangeRequest c = loadFor(id, ifMatch);
        return apply(c, c.complete(clock.instant()));
    }

    @Transactional
    public ChangeView close(UUID id, String ifMatch, CommandRequests.Close body) {
        ChangeRequest c = loadFor(id, ifMatch);
        return apply(c, c.close(body.closeCode(), body.notes(), clock.instant()));
    }

    @Transactional
    public ChangeView cancel(UUID id, String ifMatch, CommandRequests.Cancel body, Actor actor) {
        ChangeRequest c = loadFor(id, ifMatch);
        return apply(c, c.cancel(body.reason(), actor.name(), clock.instant()));
    }

    /** What scheduling the change in its current planned window would run into. */
    @Transactional
    public ConflictReport conflicts(UUID id) {
        ChangeRequest c = load(id);
        if (!c.hasWindow()) {
            throw new UnprocessableException("window-missing", "Planned window missing",
                    "Set plannedStart and plannedEnd to preview conflicts of " + c.number);
        }
        List<Conflict> conflicts = schedule.conflicts(c.window());
        return new ConflictReport(c.id, c.number, c.plannedStart, c.plannedEnd, conflicts.isEmpty(), conflicts, clock.instant());
    }

    // ------------------------------------------------------------------------------ incident links

    @Transactional
    public ChangeView linkIncident(UUID id, CommandRequests.LinkIncident body, Actor actor) {
        ChangeRequest c = load(id);
        if (c.state == ChangeState.CANCELED) {
            throw new IllegalTransitionException("change " + c.number, c.state, "link-incident", c.allowedCommands());
        }
        links.link(c.id, body.incidentId(), body.relation().name(), "MANUAL", actor.name(), clock.instant());
        return view(c);
    }

    @Transactional
    public void unlinkIncident(UUID id, UUID incidentId) {
        ChangeRequest c = load(id);
        if (links.unlink(c.id, incidentId) == 0) {
            throw new NotFoundException("Incident link", incidentId);
        }
    }

    @Transactional
    public List<dev.itsm.change.api.IncidentLink> incidents(UUID id) {
        return links.of(load(id).id);
    }

    // ------------------------------------------------------------------------------ helpers

    private Set<UUID> impactedServices(ChangeRequest c) {
        DependencyGraph g = graph.current();
        Set<UUID> scope = new HashSet<>(c.serviceIds);
        scope.addAll(c.ciIds);
        Set<UUID> impacted = g.servicesAmong(g.impactOf(scope));
        impacted.addAll(c.serviceIds);
        return impacted;
    }

    private ChangeView apply(ChangeRequest c, List<ChangeEvent> events) {
        outbox.appendAll(events);
        em.flush();
        return view(c);
    }

    private ChangeView view(ChangeRequest c) {
        return ChangeView.of(c, links.of(c.id));
    }

    private ChangeRequest loadFor(UUID id, String ifMatch) {
        ChangeRequest c = load(id);
        ETags.requireMatch(ifMatch, c.version);
        return c;
    }

    private ChangeRequest load(UUID id) {
        ChangeRequest c = ChangeRequest.findById(id);
        if (c == null) {
            throw new NotFoundException("Change request", id);
        }
        return c;
    }

    private static List<UUID> orEmpty(List<UUID> ids) {
        return ids == null ? List.of() : ids;
    }
}
