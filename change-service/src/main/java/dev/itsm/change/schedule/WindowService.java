package dev.itsm.change.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.change.VersionedEntity;
import dev.itsm.change.catalog.CatalogReferences;
import dev.itsm.change.events.EditOperation;
import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.NotFoundException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * CRUD of blackout windows and maintenance windows. The services a window names must be in the catalog
 * replica (422 unknown-service otherwise); an edit is checked only for the services it adds.
 */
@ApplicationScoped
public class WindowService {

    private final EntityManager em;
    private final Outbox outbox;
    private final MergePatch mergePatch;
    private final CatalogReferences catalog;
    private final Clock clock;

    WindowService(EntityManager em, Outbox outbox, MergePatch mergePatch, CatalogReferences catalog, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.mergePatch = mergePatch;
        this.catalog = catalog;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------ blackout

    @Transactional
    public WindowRequests.BlackoutView createBlackout(WindowRequests.Blackout r) {
        catalog.requireKnown(r.serviceIds(), List.of());
        return saved(BlackoutWindow.create(UUID.randomUUID(), r, clock.instant()), EditOperation.CREATED).view();
    }

    /** Blackout windows overlapping [from, to) (either may be null), optionally only those of a service (globals included). */
    @Transactional
    public Page<WindowRequests.BlackoutView> blackouts(PageRequest page, Sort sort, Instant from, Instant to, UUID serviceId) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (from != null) {
            q.append(" and endsAt > :from");
            p.and("from", from);
        }
        if (to != null) {
            q.append(" and startsAt < :to");
            p.and("to", to);
        }
        List<BlackoutWindow> all = BlackoutWindow.<BlackoutWindow>find(q.toString(), sort, p.map()).list();
        if (serviceId != null) {
            all = all.stream().filter(b -> b.appliesTo(serviceId)).toList();
        }
        int fromIndex = Math.min(page.offset(), all.size());
        int toIndex = Math.min(fromIndex + page.size(), all.size());
        return new Page<>(all.subList(fromIndex, toIndex).stream().map(BlackoutWindow::view).toList(), page.page(), page.size(),
                all.size());
    }

    // ------------------------------------------------------------------------------ maintenance

    @Transactional
    public WindowRequests.MaintenanceView createMaintenance(WindowRequests.Maintenance r) {
        catalog.requireKnown(List.of(r.serviceId()), List.of());
        return saved(MaintenanceWindow.create(UUID.randomUUID(), r, clock.instant()), EditOperation.CREATED).view();
    }

    @Transactional
    public Page<WindowRequests.MaintenanceView> maintenanceWindows(PageRequest page, Sort sort, UUID serviceId) {
        var query = serviceId == null ? MaintenanceWindow.<MaintenanceWindow>findAll(sort)
                : MaintenanceWindow.<MaintenanceWindow>find("serviceId", sort, serviceId);
        List<WindowRequests.MaintenanceView> items = query.page(page.page(), page.size()).list().stream()
                .map(MaintenanceWindow::view).toList();
        return new Page<>(items, page.page(), page.size(), query.count());
    }

    // ------------------------------------------------------------------------------ both kinds

    @Transactional
    public <R, V, W extends VersionedEntity & EditableWindow<R, V>> V get(Class<W> type, UUID id) {
        return load(type, id, null).view();
    }

    /** PUT: replaces the whole window. */
    @Transactional
    public <R, V, W extends VersionedEntity & EditableWindow<R, V>> V replace(Class<W> type, UUID id, String ifMatch, R request) {
        W window = load(type, id, ifMatch);
        requireKnownAdditions(window, request);
        window.replace(request, clock.instant());
        return saved(window, EditOperation.UPDATED).view();
    }

    /** PATCH: merges the patch into the window's editable fields, validated like a PUT body. */
    @Transactional
    public <R, V, W extends VersionedEntity & EditableWindow<R, V>> V patch(Class<W> type, Class<R> requestType, UUID id,
            String ifMatch, JsonNode patch) {
        W window = load(type, id, ifMatch);
        R edited = mergePatch.apply(window.editable(), patch, requestType);
        requireKnownAdditions(window, edited);
        window.replace(edited, clock.instant());
        return saved(window, EditOperation.UPDATED).view();
    }

    /** Deletes a blackout or maintenance window. */
    @Transactional
    public <W extends VersionedEntity & EditableWindow<?, ?>> void delete(Class<W> type, UUID id, String ifMatch) {
        W window = load(type, id, ifMatch);
        outbox.append(window.changed(EditOperation.DELETED, clock.instant()));
        window.delete();
    }

    /** 422 for a service {@code request} adds to the window that the catalog replica does not know. */
    private <R> void requireKnownAdditions(EditableWindow<R, ?> window, R request) {
        catalog.requireKnown(CatalogReferences.added(window.serviceIdsOf(window.editable()), window.serviceIdsOf(request)), List.of());
    }

    /** Flushed before the event is made, so it carries the new version. */
    private <W extends VersionedEntity & EditableWindow<?, ?>> W saved(W window, EditOperation operation) {
        if (!em.contains(window)) {
            window.persist();
        }
        em.flush();
        outbox.append(window.changed(operation, window.updatedAt()));
        return window;
    }

    /** The window, 404 when there is none; 412 when {@code ifMatch} does not name the current version. */
    private <T extends VersionedEntity> T load(Class<T> type, UUID id, String ifMatch) {
        T window = em.find(type, id);
        if (window == null) {
            throw new NotFoundException(type == BlackoutWindow.class ? "Blackout window" : "Maintenance window", id);
        }
        ETags.requireMatch(ifMatch, window.version());
        return window;
    }
}
