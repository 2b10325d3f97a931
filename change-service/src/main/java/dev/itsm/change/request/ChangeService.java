package dev.itsm.change.request;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.change.ChangeConfig;
import dev.itsm.change.Plans;
import dev.itsm.change.api.ChangeCreateRequest;
import dev.itsm.change.api.ChangeView;
import dev.itsm.change.api.CommandRequests;
import dev.itsm.change.api.ConflictReport;
import dev.itsm.change.api.IncidentLink;
import dev.itsm.change.approval.ApprovalPolicy;
import dev.itsm.change.catalog.CatalogGraph;
import dev.itsm.change.catalog.CatalogReferences;
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
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Comparator;

/** Transactions of the change request: load, call one aggregate command, save, append its events. */
@ApplicationScoped
public class ChangeService {

    private final EntityManager em;
    private final Outbox outbox;
    private final ScheduleService schedule;
    private final CatalogGraph graph;
    private final CatalogReferences catalog;
    private final IncidentLinks links;
    private final ApprovalPolicy policy;
    private final RiskAssessor risk;
    private final MergePatch mergePatch;
    private final Clock clock;

    ChangeService(EntityManager em, Outbox outbox, ScheduleService schedule, CatalogGraph graph, CatalogReferences catalog,
            IncidentLinks links, ChangeConfig config, MergePatch mergePatch, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.schedule = schedule;
        this.graph = graph;
        this.catalog = catalog;
        this.links = links;
        this.policy = ApprovalPolicy.parse(config.approvalPolicy());
        this.risk = new RiskAssessor(
                config.risk().questions().entrySet().stream()
                        .map(e -> new RiskQuestion(e.getKey(), e.getValue().text(), e.getValue().weight()))
                        .sorted(Comparator.comparing(RiskQuestion::id)).toList(),
                config.risk().pointsPerImpactedService(), config.risk().maxImpactPoints(),
                config.risk().mediumScore(), config.risk().highScore());
        this.mergePatch = mergePatch;
        this.clock = clock;
    }

    public List<RiskQuestion> riskQuestions() {
        return risk.questions();
    }

    // ------------------------------------------------------------------------------ create / read

    @Transactional
    public ChangeView create(ChangeCreateRequest r, Actor actor) {
        Instant now = clock.instant();
        Plans plans = new Plans(r.implementationPlan(), r.backoutPlan(), r.testPlan());
        if (r.type() == ChangeType.STANDARD) {
            if (r.modelId() == null) {
                throw new ValidationException("modelId", "a STANDARD change must name the change model it instantiates");
            }
            ChangeModel model = ChangeModel.findById(r.modelId());
            if (model == null || !model.active()) {
                throw new UnprocessableException("unknown-change-model", "Change model not usable",
                        "Change model " + r.modelId() + " does not exist or is not active");
            }
            requireWithinModel(model, orEmpty(r.serviceIds()), orEmpty(r.ciIds()));
            plans = plans.orElse(model.plans());
        } else if (r.modelId() != null) {
            throw new ValidationException("modelId", "only STANDARD changes instantiate a change model");
        }
        catalog.requireKnown(orEmpty(r.serviceIds()), orEmpty(r.ciIds()));
        long seq = ((Number) em.createNativeQuery("select nextval('change_number_seq')").getSingleResult()).longValue();
        ChangeRequest.Draft draft = new ChangeRequest.Draft(r.title().strip(), r.description(), r.justification(), r.type(),
                r.modelId(), r.serviceIds(), r.ciIds(), plans, r.plannedStart(), r.plannedEnd());
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

    // ------------------------------------------------------------------------------ edits

    /** JSON merge patch: content only in NEW, the window until implementation; a moved SCHEDULED change is re-checked for conflicts. */
    @Transactional
    public ChangeView patch(UUID id, String ifMatch, JsonNode patch, Actor actor) {
        ChangeRequest c = loadFor(id, ifMatch);
        ChangeEdit edit = mergePatch.apply(c.editable(), patch, ChangeEdit.class);
        // once the content is frozen the aggregate refuses a new scope (409) before the model would matter
        if (c.type() == ChangeType.STANDARD && c.modelId() != null && c.allows(Command.EDIT_CONTENT)) {
            ChangeModel model = ChangeModel.findById(c.modelId());
            if (model != null) {
                requireWithinModel(model, orEmpty(edit.serviceIds()), orEmpty(edit.ciIds()));
            }
        }
        if (c.allows(Command.EDIT_CONTENT)) {
            // only what the edit adds: an item the catalog deleted since does not block moving the window
            catalog.requireKnown(CatalogReferences.added(c.serviceIds(), edit.serviceIds()),
                    CatalogReferences.added(c.ciIds(), edit.ciIds()));
        }
        List<ChangeEvent> events = c.edit(edit, window -> {
            schedule.lockSchedule();
            return schedule.conflicts(window);
        }, actor.name(), clock.instant());
        return apply(c, events);
    }

    // ------------------------------------------------------------------------------ commands

    @Transactional
    public ChangeView submit(UUID id, String ifMatch, Actor actor) {
        return run(id, ifMatch, (c, now) -> {
            if (c.type() != ChangeType.EMERGENCY || !c.allows(Command.SUBMIT)) {
                return c.submit(actor.name(), null, List.of(), now);
            }
            RiskAssessment emergency = risk.assess(Map.of(), impactedServices(c), false);
            return c.submit(actor.name(), emergency, policy.levelsFor(ChangeType.EMERGENCY, emergency.risk()), now);
        });
    }

    @Transactional
    public ChangeView assess(UUID id, String ifMatch, CommandRequests.Assess body, Actor actor) {
        return run(id, ifMatch, (c, now) -> {
            c.require(Command.ASSESS); // before the assessment walks the graph
            RiskAssessment assessment = risk.assess(body.answers(), impactedServices(c), true);
            return c.assess(assessment, r -> policy.levelsFor(c.type(), r), actor.name(), now);
        });
    }

    @Transactional
    public ChangeView approve(UUID id, String ifMatch, CommandRequests.Decide body, Actor actor) {
        return run(id, ifMatch, (c, now) -> c.approve(actor.name(), body == null ? null : body.comment(), now));
    }

    @Transactional
    public ChangeView reject(UUID id, String ifMatch, CommandRequests.Decide body, Actor actor) {
        return run(id, ifMatch, (c, now) -> c.reject(actor.name(), body == null ? null : body.comment(), now));
    }

    @Transactional
    public ChangeView schedule(UUID id, String ifMatch, CommandRequests.Schedule body, Actor actor) {
        schedule.lockSchedule();
        ChangeRequest.Override override = new ChangeRequest.Override(body != null && body.override(), actor.name(),
                actor.changeManager(), body == null ? null : body.justification());
        return run(id, ifMatch, (c, now) -> {
            List<Conflict> conflicts = c.allows(Command.SCHEDULE) && c.hasWindow() && c.plannedEnd().isAfter(c.plannedStart())
                    ? schedule.conflicts(c.window()) : List.of();
            return c.schedule(conflicts, override, now);
        });
    }

    @Transactional
    public ChangeView start(UUID id, String ifMatch, Actor actor) {
        return run(id, ifMatch, (c, now) -> c.start(actor.name(), now));
    }

    @Transactional
    public ChangeView complete(UUID id, String ifMatch) {
        return run(id, ifMatch, (c, now) -> c.complete(now));
    }

    @Transactional
    public ChangeView close(UUID id, String ifMatch, CommandRequests.Close body) {
        return run(id, ifMatch, (c, now) -> c.close(body.closeCode(), body.notes(), now));
    }

    @Transactional
    public ChangeView cancel(UUID id, String ifMatch, CommandRequests.Cancel body, Actor actor) {
        return run(id, ifMatch, (c, now) -> c.cancel(body.reason(), actor.name(), now));
    }

    /** What scheduling the change in its current planned window would run into. */
    @Transactional
    public ConflictReport conflicts(UUID id) {
        ChangeRequest c = load(id);
        if (!c.hasWindow()) {
            throw new UnprocessableException("window-missing", "Planned window missing",
                    "Set plannedStart and plannedEnd to preview conflicts of " + c.number());
        }
        List<Conflict> conflicts = schedule.conflicts(c.window());
        return new ConflictReport(c.id(), c.number(), c.plannedStart(), c.plannedEnd(), conflicts.isEmpty(), conflicts, clock.instant());
    }

    // ------------------------------------------------------------------------------ incident links

    /** A link and whether this call made it (false: it existed, nothing changed). */
    public record IncidentLinked(IncidentLink link, boolean created) {
    }

    /** Links an incident; linking it again with the same relation is a no-op answering the existing link. */
    @Transactional
    public IncidentLinked linkIncident(UUID id, CommandRequests.LinkIncident body, Actor actor) {
        ChangeRequest c = load(id);
        c.require(Command.LINK_INCIDENT);
        String relation = body.relation().name();
        boolean created = links.link(c.id(), body.incidentId(), relation, "MANUAL", actor.name(), clock.instant());
        return new IncidentLinked(links.find(c.id(), body.incidentId(), relation).orElseThrow(), created);
    }

    @Transactional
    public IncidentLink incidentLink(UUID id, UUID incidentId) {
        return links.find(load(id).id(), incidentId).orElseThrow(() -> new NotFoundException("Incident link", incidentId));
    }

    @Transactional
    public void unlinkIncident(UUID id, UUID incidentId) {
        ChangeRequest c = load(id);
        if (links.unlink(c.id(), incidentId, clock.instant()) == 0) {
            throw new NotFoundException("Incident link", incidentId);
        }
    }

    @Transactional
    public List<IncidentLink> incidents(UUID id) {
        return links.of(load(id).id());
    }

    // ------------------------------------------------------------------------------ helpers

    private Set<UUID> impactedServices(ChangeRequest c) {
        DependencyGraph g = graph.current();
        Set<UUID> scope = new HashSet<>(c.serviceIds());
        scope.addAll(c.ciIds());
        Set<UUID> impacted = g.servicesAmong(g.impactOf(scope));
        impacted.addAll(c.serviceIds());
        return impacted;
    }

    /** Loads the change (If-Match checked), runs one aggregate command at the clock's now, appends its events. */
    private ChangeView run(UUID id, String ifMatch, BiFunction<ChangeRequest, Instant, List<ChangeEvent>> command) {
        ChangeRequest c = loadFor(id, ifMatch);
        return apply(c, command.apply(c, clock.instant()));
    }

    private ChangeView apply(ChangeRequest c, List<ChangeEvent> events) {
        outbox.appendAll(events);
        em.flush();
        return view(c);
    }

    private ChangeView view(ChangeRequest c) {
        return ChangeView.of(c, links.of(c.id()));
    }

    private ChangeRequest loadFor(UUID id, String ifMatch) {
        ChangeRequest c = load(id);
        ETags.requireMatch(ifMatch, c.version());
        return c;
    }

    private ChangeRequest load(UUID id) {
        ChangeRequest c = ChangeRequest.findById(id);
        if (c == null) {
            throw new NotFoundException("Change request", id);
        }
        return c;
    }

    private static void requireWithinModel(ChangeModel model, List<UUID> serviceIds, List<UUID> ciIds) {
        List<UUID> bad = model.disallowed(serviceIds, ciIds);
        if (!bad.isEmpty()) {
            throw new UnprocessableException("outside-change-model", "Scope outside the change model",
                    "Change model '" + model.name() + "' does not allow " + bad, Map.of("disallowed", bad));
        }
    }

    private static List<UUID> orEmpty(List<UUID> ids) {
        return ids == null ? List.of() : ids;
    }
}
