package dev.itsm.catalog.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.catalog.api.ServiceRequest;
import dev.itsm.catalog.api.ServiceUser;
import dev.itsm.catalog.api.ServiceView;
import dev.itsm.catalog.offering.OfferingStatus;
import dev.itsm.catalog.support.Changes;
import dev.itsm.catalog.support.Listing;
import dev.itsm.catalog.support.Query;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Transactions on services: load, call the aggregate, save, append its events to the outbox. */
@ApplicationScoped
public class ServicePortfolio {

    /** What GET /services can be sorted by (default key); state, type and owner are tied by key. */
    public static final Listing<ItService> LISTING = Listing.of(ItService.class, "key", Set.of("status", "type", "owner"))
            .field("key", "serviceKey", String.class, ItService::key)
            .field("name", "name", String.class, ItService::name)
            .field("state", "status", ServiceStatus.class, ItService::status)
            .field("status", "status", ServiceStatus.class, ItService::status)
            .field("type", "type", ServiceType.class, ItService::type)
            .field("owner", "owner", String.class, ItService::owner)
            .timestamps();

    /** Serialises changes to the dependency graph so two concurrent edits cannot close a cycle together. */
    private static final long DEPENDENCY_LOCK = 0x1CA7A1060001L;

    private final EntityManager em;
    private final Changes changes;
    private final MergePatch mergePatch;
    private final Clock clock;

    ServicePortfolio(EntityManager em, Changes changes, MergePatch mergePatch, Clock clock) {
        this.em = em;
        this.changes = changes;
        this.mergePatch = mergePatch;
        this.clock = clock;
    }

    @Transactional
    public ServiceView create(ServiceRequest request) {
        Instant now = clock.instant();
        Optional<ItService> existing = ItService.find("serviceKey", request.key()).firstResultOptional();
        if (existing.isPresent()) {
            // field/value/existingId is the vocabulary of every uniqueness problem; key stays for existing clients
            throw new ConflictException("duplicate-key", "Duplicate key",
                    "A service with key '" + request.key() + "' already exists", Map.of("field", "key",
                            "value", request.key(), "existingId", existing.get().id(), "key", request.key()));
        }
        UUID id = UUID.randomUUID();
        checkDependencies(id, request.dependsOn());
        ItService service = ItService.plan(id, request.key(), request.facts(), now);
        service.persist();
        changes.publish(service.created(now));
        return ServiceView.of(service);
    }

    public ServiceView get(UUID id) {
        return ServiceView.of(load(id));
    }

    /** One page of services in {@code sort}'s order, or of their changes feed ({@code feed}, sort null). */
    public Page<ServiceView> list(ServiceStatus status, ServiceType type, String owner, String text, UUID dependsOn,
            PageRequest page, Sort sort, ChangesFeed.Window feed) {
        return new Query()
                .when(status, "status = :status", "status")
                .when(type, "type = :type", "type")
                .when(owner, "owner = :owner", "owner")
                .when(dependsOn, ":dependsOn member of dependsOn", "dependsOn")
                .search(text)
                .page(LISTING, sort, feed, page, ServiceView::of);
    }

    @Transactional
    public ServiceView patch(UUID id, String ifMatch, JsonNode patch) {
        Instant now = clock.instant();
        ItService service = load(id);
        ETags.requireMatch(ifMatch, service.version());
        ServiceRequest merged = mergePatch.apply(ServiceRequest.of(service), patch, ServiceRequest.class,
                Map.of("key", "the key of a service cannot change",
                        "state", "change the state with the go-live and retire commands",
                        "status", "change the status with the go-live and retire commands"));
        if (!new HashSet<>(merged.facts().dependsOn()).equals(new HashSet<>(service.dependsOn()))) {
            checkDependencies(id, merged.dependsOn());
        }
        changes.publish(service.update(merged.facts(), now));
        return ServiceView.of(service);
    }

    @Transactional
    public ServiceView goLive(UUID id, String ifMatch) {
        Instant now = clock.instant();
        ItService service = load(id);
        ETags.requireMatch(ifMatch, service.version());
        changes.publish(service.goLive(now));
        return ServiceView.of(service);
    }

    /** Retires a service unless an offering (not withdrawn) or a product still uses it (409 listing them). */
    @Transactional
    public ServiceView retire(UUID id, String ifMatch) {
        Instant now = clock.instant();
        // the row lock makes concurrent product/offering edits that read this service (FOR SHARE) wait for us
        ItService service = ItService.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (service == null) {
            throw new NotFoundException("Service", id);
        }
        ETags.requireMatch(ifMatch, service.version());
        service.requireAllowed(ServiceCommand.RETIRE);
        List<ServiceUser> users = usersOf(id);
        if (!users.isEmpty()) {
            throw new ConflictException("service-in-use", "Service in use",
                    "Service " + service.key() + " is still used by " + users.size()
                            + " product(s)/offering(s); remove it from them (or withdraw the offerings) first",
                    Map.of("users", users));
        }
        changes.publish(service.retire(now));
        return ServiceView.of(service);
    }

    /** Products and non-withdrawn offerings that include the service. */
    @SuppressWarnings("unchecked")
    public List<ServiceUser> usersOf(UUID serviceId) {
        List<ServiceUser> users = new ArrayList<>();
        List<Object[]> products = em.createNativeQuery("""
                select p.id, p.name from product p join product_service ps on ps.product_id = p.id
                where ps.service_id = ?1 order by p.name, p.id""").setParameter(1, serviceId).getResultList();
        for (Object[] row : products) {
            users.add(ServiceUser.product((UUID) row[0], (String) row[1]));
        }
        List<Object[]> offerings = em.createNativeQuery("""
                select o.id, o.name, o.status from offering o join offering_service os on os.offering_id = o.id
                where os.service_id = ?1 and o.status <> 'WITHDRAWN' order by o.name, o.id""").setParameter(1, serviceId)
                .getResultList();
        for (Object[] row : offerings) {
            users.add(ServiceUser.offering((UUID) row[0], (String) row[1], OfferingStatus.valueOf((String) row[2])));
        }
        return users;
    }

    /**
     * Services referenced by a product/offering/relation: all must exist (else 422) and none may be
     * RETIRED (422). Locks them FOR SHARE so a concurrent retire waits until this transaction ends.
     */
    public List<ItService> requireUsable(Collection<UUID> ids, String field) {
        Set<UUID> wanted = new LinkedHashSet<>(ids == null ? List.of() : ids);
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<ItService> found = em.createQuery("from ItService where id in :ids", ItService.class)
                .setParameter("ids", wanted).setLockMode(LockModeType.PESSIMISTIC_READ).getResultList();
        Set<UUID> missing = new LinkedHashSet<>(wanted);
        found.forEach(s -> missing.remove(s.id()));
        if (!missing.isEmpty()) {
            throw new UnprocessableException("unknown-service", "Unknown service",
                    field + " names services that do not exist: " + missing, Map.of("serviceIds", List.copyOf(missing)));
        }
        List<UUID> retired = found.stream().filter(s -> s.status() == ServiceStatus.RETIRED).map(ItService::id).toList();
        if (!retired.isEmpty()) {
            throw new UnprocessableException("service-retired", "Service retired",
                    field + " names retired services: " + retired, Map.of("serviceIds", retired));
        }
        return found;
    }

    private void checkDependencies(UUID id, Collection<UUID> dependsOn) {
        if (dependsOn == null || dependsOn.isEmpty()) {
            return;
        }
        if (dependsOn.contains(id)) {
            throw new ValidationException("dependsOn", "a service cannot depend on itself");
        }
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, DEPENDENCY_LOCK).getSingleResult();
        requireUsable(dependsOn, "dependsOn");
        Optional<List<UUID>> cycle = new DependencyGraph(dependencyEdges()).cycleIf(id, dependsOn);
        if (cycle.isPresent()) {
            throw new ConflictException("dependency-cycle", "Dependency cycle",
                    "These dependencies would create a cycle: " + cycle.get(), Map.of("cycle", cycle.get()));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, Set<UUID>> dependencyEdges() {
        Map<UUID, Set<UUID>> edges = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("select service_id, depends_on_id from service_dependency").getResultList();
        for (Object[] row : rows) {
            edges.computeIfAbsent((UUID) row[0], k -> new HashSet<>()).add((UUID) row[1]);
        }
        return edges;
    }

    private ItService load(UUID id) {
        return ItService.<ItService>findByIdOptional(id).orElseThrow(() -> new NotFoundException("Service", id));
    }
}
