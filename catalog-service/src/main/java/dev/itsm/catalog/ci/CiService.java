package dev.itsm.catalog.ci;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.catalog.api.CiRequest;
import dev.itsm.catalog.api.CiView;
import dev.itsm.catalog.api.RelationRequest;
import dev.itsm.catalog.api.RelationView;
import dev.itsm.catalog.portfolio.ServicePortfolio;
import dev.itsm.catalog.support.Changes;
import dev.itsm.catalog.support.Listing;
import dev.itsm.catalog.support.Query;
import dev.itsm.platform.events.DomainEvent;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Transactions on configuration items and their relations. */
@ApplicationScoped
public class CiService {

    /** What GET /cis can be sorted by (default name); class, environment and state are tied by name. */
    public static final Listing<ConfigurationItem> LISTING = Listing.of(ConfigurationItem.class, "name",
            Set.of("ciClass", "environment", "status"))
            .field("name", "name", String.class, ConfigurationItem::name)
            .field("ciClass", "ciClass", String.class, ConfigurationItem::ciClass)
            .field("environment", "environment", String.class, ConfigurationItem::environment)
            .field("state", "status", CiStatus.class, ConfigurationItem::status)
            .field("status", "status", CiStatus.class, ConfigurationItem::status)
            .timestamps();

    private final Changes changes;
    private final MergePatch mergePatch;
    private final ServicePortfolio services;
    private final Clock clock;

    CiService(Changes changes, MergePatch mergePatch, ServicePortfolio services, Clock clock) {
        this.changes = changes;
        this.mergePatch = mergePatch;
        this.services = services;
        this.clock = clock;
    }

    @Transactional
    public CiView create(CiRequest request) {
        Instant now = clock.instant();
        ConfigurationItem ci = ConfigurationItem.register(UUID.randomUUID(), request.facts(), now);
        ci.persist();
        changes.publish(ci.registered(now));
        return CiView.of(ci);
    }

    public CiView get(UUID id) {
        return CiView.of(load(id));
    }

    /** One page of CIs in {@code sort}'s order, or of their changes feed ({@code feed}, sort null). */
    public Page<CiView> list(String ciClass, String environment, CiStatus status, String text, PageRequest page,
            Sort sort, ChangesFeed.Window feed) {
        return new Query()
                .when(ciClass, "ciClass = :ciClass", "ciClass")
                .when(environment, "environment = :environment", "environment")
                .when(status, "status = :status", "status")
                .search(text)
                .page(LISTING, sort, feed, page, CiView::of);
    }

    @Transactional
    public CiView patch(UUID id, String ifMatch, JsonNode patch) {
        Instant now = clock.instant();
        ConfigurationItem ci = load(id);
        ETags.requireMatch(ifMatch, ci.version());
        CiRequest merged = mergePatch.apply(CiRequest.of(ci), oneLifecycleField(patch), CiRequest.class);
        changes.publish(ci.update(merged.facts(), now));
        return CiView.of(ci);
    }

    /** Deletes the CI and every relation from or to it; each removed relation is announced. */
    @Transactional
    public void delete(UUID id, String ifMatch) {
        Instant now = clock.instant();
        ConfigurationItem ci = ConfigurationItem.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (ci == null) {
            throw new NotFoundException("Configuration item", id);
        }
        ETags.requireMatch(ifMatch, ci.version());
        List<DomainEvent> events = new ArrayList<>();
        List<CiRelation> relations = CiRelation.list(
                "sourceId = ?1 or (targetType = ?2 and targetId = ?1) order by createdAt, id", id, TargetType.CI);
        for (CiRelation r : relations) {
            events.addAll(r.removed(now));
            r.delete();
        }
        events.addAll(ci.deleted(now));
        ci.delete();
        changes.publish(events);
    }

    @Transactional
    public RelationView relate(UUID sourceId, RelationRequest request) {
        Instant now = clock.instant();
        // FOR SHARE: a concurrent delete of either end waits for this transaction
        ConfigurationItem source = ConfigurationItem.findById(sourceId, LockModeType.PESSIMISTIC_READ);
        if (source == null) {
            throw new NotFoundException("Configuration item", sourceId);
        }
        if (request.targetType() == TargetType.CI) {
            if (!request.targetId().equals(sourceId)
                    && ConfigurationItem.findById(request.targetId(), LockModeType.PESSIMISTIC_READ) == null) {
                throw new UnprocessableException("unknown-ci", "Unknown configuration item",
                        "targetId names no configuration item: " + request.targetId());
            }
        } else {
            services.requireUsable(List.of(request.targetId()), "targetId");
        }
        Optional<CiRelation> existing = CiRelation.find("sourceId = ?1 and relation = ?2 and targetType = ?3 and targetId = ?4",
                sourceId, request.relation(), request.targetType(), request.targetId()).firstResultOptional();
        if (existing.isPresent()) {
            throw new ConflictException("duplicate-relation", "Duplicate relation",
                    "This CI already " + request.relation() + " " + request.targetType() + " " + request.targetId(),
                    Map.of("existingId", existing.get().id()));
        }
        CiRelation r = CiRelation.link(UUID.randomUUID(), sourceId, request.relation(), request.targetType(),
                request.targetId(), now);
        r.persist();
        changes.publish(r.added(now));
        return RelationView.of(r);
    }

    /** Relations of a CI: outgoing (it is the source), incoming (another CI names it as target), or both. */
    public List<RelationView> relations(UUID ciId, String direction) {
        load(ciId);
        List<CiRelation> found = switch (direction == null ? "both" : direction) {
            case "outgoing" -> CiRelation.list("sourceId = ?1 order by createdAt, id", ciId);
            case "incoming" -> CiRelation.list("targetType = ?1 and targetId = ?2 order by createdAt, id", TargetType.CI, ciId);
            case "both" -> CiRelation.list("sourceId = ?1 or (targetType = ?2 and targetId = ?1) order by createdAt, id",
                    ciId, TargetType.CI);
            default -> throw new ValidationException("direction",
                    "must be one of outgoing, incoming, both");
        };
        return found.stream().map(RelationView::of).toList();
    }

    @Transactional
    public void unrelate(UUID ciId, UUID relationId) {
        Instant now = clock.instant();
        CiRelation r = CiRelation.findById(relationId);
        if (r == null || !r.sourceId().equals(ciId)) {
            throw new NotFoundException("Relation", relationId);
        }
        var events = r.removed(now);
        r.delete();
        changes.publish(events);
    }

    /**
     * {@code state} and its older name {@code status} are one field: a patch naming one of them sets
     * both (naming both with different values stays a 400 from {@link CiRequest#facts()}).
     */
    private static JsonNode oneLifecycleField(JsonNode patch) {
        ObjectNode both = patch.deepCopy();
        if (patch.has("state") && !patch.has("status")) {
            both.set("status", patch.get("state"));
        } else if (patch.has("status") && !patch.has("state")) {
            both.set("state", patch.get("status"));
        }
        return both;
    }

    private ConfigurationItem load(UUID id) {
        return ConfigurationItem.<ConfigurationItem>findByIdOptional(id).orElseThrow(() -> new NotFoundException("Configuration item", id));
    }
}
