package dev.itsm.change.model;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.change.ListQuery;
import dev.itsm.change.catalog.CatalogReferences;
import dev.itsm.change.events.EditOperation;
import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * CRUD of change models (standard change templates). The services and CIs a model allows must be in the
 * catalog replica (422 unknown-service / unknown-ci otherwise); an edit is checked only for those it adds.
 */
@ApplicationScoped
public class ChangeModelService {

    /** API sort field → column (the allow-list for {@code ?sort=}); each served by an index of V4__list_indexes.sql. */
    public static final Map<String, String> SORTABLE = Map.of("name", "name", "createdAt", "created_at", "updatedAt", "updated_at");

    private static final Keyset.Column<ChangeModel> NAME = Keyset.Column.of("name", String.class, ChangeModel::name);
    private static final Keyset.Column<ChangeModel> CREATED_AT = Keyset.Column.of("created_at", Instant.class, ChangeModel::createdAt);
    private static final Keyset.Column<ChangeModel> UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, ChangeModel::updatedAt);
    private static final Keyset.Column<ChangeModel> ID = Keyset.Column.of("id", UUID.class, ChangeModel::id);

    private final EntityManager em;
    private final Outbox outbox;
    private final MergePatch mergePatch;
    private final CatalogReferences catalog;
    private final Clock clock;

    ChangeModelService(EntityManager em, Outbox outbox, MergePatch mergePatch, CatalogReferences catalog, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.mergePatch = mergePatch;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Transactional
    public ChangeModelView create(ChangeModelRequest r) {
        requireUniqueName(r.name(), null);
        catalog.requireKnown(r.allowedServiceIds(), r.allowedCiIds());
        Instant now = clock.instant();
        ChangeModel m = ChangeModel.create(UUID.randomUUID(), r, now);
        m.persist();
        em.flush();
        outbox.append(m.changed(EditOperation.CREATED, now));
        return ChangeModelView.of(m);
    }

    @Transactional
    public ChangeModelView get(UUID id) {
        return ChangeModelView.of(load(id, null));
    }

    /** Change models, optionally only (in)active ones, keyset-paged (ties by id); or their changes feed when {@code feed} is given. */
    @Transactional
    public Page<ChangeModelView> list(PageRequest page, Sort sort, Boolean active, ChangesFeed.Window feed) {
        ListQuery<ChangeModel> query = new ListQuery<>(ChangeModel.class, "change_model").where("active = :active", "active", active);
        Keyset<ChangeModel> keys = feed != null ? Keyset.ascending(List.of(UPDATED_AT, ID))
                : Keyset.of(sort, List.of(NAME, CREATED_AT, UPDATED_AT), List.of(ID));
        return query.page(em, keys, page, feed).map(ChangeModelView::of);
    }

    @Transactional
    public ChangeModelView replace(UUID id, String ifMatch, ChangeModelRequest r) {
        ChangeModel m = load(id, ifMatch);
        requireUniqueName(r.name(), id);
        return updated(m, r);
    }

    @Transactional
    public ChangeModelView patch(UUID id, String ifMatch, JsonNode patch) {
        ChangeModel m = load(id, ifMatch);
        ChangeModelRequest r = mergePatch.apply(m.editable(), patch, ChangeModelRequest.class);
        requireUniqueName(r.name(), id);
        return updated(m, r);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        ChangeModel m = load(id, ifMatch);
        long used = ((Number) em.createNativeQuery("select count(*) from change_request where model_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        if (used > 0) {
            throw new ConflictException("change-model-in-use", "Change model in use",
                    "Change model '" + m.name() + "' is used by " + used + " change(s); deactivate it instead (active=false)");
        }
        outbox.append(m.changed(EditOperation.DELETED, clock.instant()));
        m.delete();
    }

    /**
     * Replaces the model's fields and announces it; flushed first, so the event carries the new version. Only the
     * services and CIs the edit adds are checked against the catalog replica.
     */
    private ChangeModelView updated(ChangeModel m, ChangeModelRequest r) {
        catalog.requireKnown(CatalogReferences.added(m.allowedServiceIds(), r.allowedServiceIds()),
                CatalogReferences.added(m.allowedCiIds(), r.allowedCiIds()));
        Instant now = clock.instant();
        m.replace(r, now);
        em.flush();
        outbox.append(m.changed(EditOperation.UPDATED, now));
        return ChangeModelView.of(m);
    }

    /**
     * 409 when another model has the name (case-insensitive). The problem type stays duplicate-name (integrators
     * match on it); field, value and existingId are the vocabulary's duplicate-key fields.
     */
    @SuppressWarnings("unchecked")
    private void requireUniqueName(String name, UUID self) {
        List<UUID> clash = em.createNativeQuery("select id from change_model where lower(name) = lower(?1) and id <> ?2")
                .setParameter(1, name.strip()).setParameter(2, self == null ? new UUID(0, 0) : self).getResultList();
        if (!clash.isEmpty()) {
            throw new ConflictException("duplicate-name", "Name already used", "A change model named '" + name.strip() + "' exists",
                    Map.of("field", "name", "value", name.strip(), "existingId", clash.get(0).toString()));
        }
    }

    private ChangeModel load(UUID id, String ifMatch) {
        ChangeModel m = ChangeModel.findById(id);
        if (m == null) {
            throw new NotFoundException("Change model", id);
        }
        ETags.requireMatch(ifMatch, m.version());
        return m;
    }
}
