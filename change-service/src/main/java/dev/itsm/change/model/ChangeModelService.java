package dev.itsm.change.model;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** CRUD of change models (standard change templates). */
@ApplicationScoped
public class ChangeModelService {

    private final EntityManager em;
    private final MergePatch mergePatch;
    private final Clock clock;

    ChangeModelService(EntityManager em, MergePatch mergePatch, Clock clock) {
        this.em = em;
        this.mergePatch = mergePatch;
        this.clock = clock;
    }

    @Transactional
    public ChangeModelView create(ChangeModelRequest r) {
        requireUniqueName(r.name(), null);
        ChangeModel m = ChangeModel.create(UUID.randomUUID(), r, clock.instant());
        m.persist();
        em.flush();
        return ChangeModelView.of(m);
    }

    @Transactional
    public ChangeModelView get(UUID id) {
        return ChangeModelView.of(load(id, null));
    }

    @Transactional
    public Page<ChangeModelView> list(PageRequest page, Sort sort, Boolean active) {
        var query = active == null ? ChangeModel.<ChangeModel>findAll(sort) : ChangeModel.<ChangeModel>find("active", sort, active);
        List<ChangeModelView> items = query.page(page.page(), page.size()).list().stream().map(ChangeModelView::of).toList();
        return new Page<>(items, page.page(), page.size(), query.count());
    }

    @Transactional
    public ChangeModelView replace(UUID id, String ifMatch, ChangeModelRequest r) {
        ChangeModel m = load(id, ifMatch);
        requireUniqueName(r.name(), id);
        m.replace(r, clock.instant());
        em.flush();
        return ChangeModelView.of(m);
    }

    @Transactional
    public ChangeModelView patch(UUID id, String ifMatch, JsonNode patch) {
        ChangeModel m = load(id, ifMatch);
        ChangeModelRequest r = mergePatch.apply(m.editable(), patch, ChangeModelRequest.class);
        requireUniqueName(r.name(), id);
        m.replace(r, clock.instant());
        em.flush();
        return ChangeModelView.of(m);
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
        m.delete();
    }

    private void requireUniqueName(String name, UUID self) {
        long clash = ((Number) em.createNativeQuery("select count(*) from change_model where lower(name) = lower(?1) and id <> ?2")
                .setParameter(1, name.strip()).setParameter(2, self == null ? new UUID(0, 0) : self).getSingleResult()).longValue();
        if (clash > 0) {
            throw new ConflictException("duplicate-name", "Name already used", "A change model named '" + name.strip() + "' exists");
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
