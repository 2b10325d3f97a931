package dev.itsm.change.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.change.ListQuery;
import dev.itsm.change.VersionedEntity;
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
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * CRUD of blackout windows and maintenance windows. The services a window names must be in the catalog
 * replica (422 unknown-service otherwise); an edit is checked only for the services it adds.
 */
@ApplicationScoped
public class WindowService {

    /** API sort field → column of blackout windows (the allow-list for {@code ?sort=}). */
    public static final Map<String, String> BLACKOUT_SORTABLE = Map.of("startsAt", "starts_at", "endsAt", "ends_at", "name", "name");
    /** API sort field → column of maintenance windows. */
    public static final Map<String, String> MAINTENANCE_SORTABLE = Map.of("name", "name", "serviceId", "service_id");

    // keyset columns (SQL column names: ListQuery); every order is served by an index of V4__list_indexes.sql
    private static final Keyset.Column<BlackoutWindow> STARTS_AT = Keyset.Column.of("starts_at", Instant.class, BlackoutWindow::startsAt);
    private static final Keyset.Column<BlackoutWindow> ENDS_AT = Keyset.Column.of("ends_at", Instant.class, BlackoutWindow::endsAt);
    private static final Keyset.Column<BlackoutWindow> BLACKOUT_NAME = Keyset.Column.of("name", String.class, BlackoutWindow::name);
    private static final Keyset.Column<BlackoutWindow> BLACKOUT_UPDATED_AT = Keyset.Column.of("updated_at", Instant.class,
            BlackoutWindow::updatedAt);
    private static final Keyset.Column<BlackoutWindow> BLACKOUT_ID = Keyset.Column.of("id", UUID.class, BlackoutWindow::id);
    private static final Keyset.Column<MaintenanceWindow> MAINTENANCE_NAME = Keyset.Column.of("name", String.class,
            MaintenanceWindow::name);
    private static final Keyset.Column<MaintenanceWindow> MAINTENANCE_SERVICE = Keyset.Column.of("service_id", UUID.class,
            MaintenanceWindow::serviceId);
    private static final Keyset.Column<MaintenanceWindow> MAINTENANCE_UPDATED_AT = Keyset.Column.of("updated_at", Instant.class,
            MaintenanceWindow::updatedAt);
    private static final Keyset.Column<MaintenanceWindow> MAINTENANCE_ID = Keyset.Column.of("id", UUID.class, MaintenanceWindow::id);

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

    /**
     * Blackout windows overlapping [from, to) (either may be null), optionally only those of a service
     * (globals included), keyset-paged; or the changes feed of blackout windows when {@code feed} is given.
     */
    @Transactional
    public Page<WindowRequests.BlackoutView> blackouts(PageRequest page, Sort sort, Instant from, Instant to, UUID serviceId,
            ChangesFeed.Window feed) {
        ListQuery<BlackoutWindow> query = new ListQuery<>(BlackoutWindow.class, "blackout_window")
                .where("ends_at > :from", "from", from)
                .where("starts_at < :to", "to", to)
                .where("(service_ids = cast('[]' as jsonb) or service_ids @> cast(:service as jsonb))", "service",
                        serviceId == null ? null : "[\"" + serviceId + "\"]");
        Keyset<BlackoutWindow> keys = feed != null ? Keyset.ascending(List.of(BLACKOUT_UPDATED_AT, BLACKOUT_ID))
                : Keyset.of(sort, List.of(STARTS_AT, ENDS_AT, BLACKOUT_NAME), List.of(BLACKOUT_ID));
        return query.page(em, keys, page, feed).map(BlackoutWindow::view);
    }

    // ------------------------------------------------------------------------------ maintenance

    @Transactional
    public WindowRequests.MaintenanceView createMaintenance(WindowRequests.Maintenance r) {
        catalog.requireKnown(List.of(r.serviceId()), List.of());
        return saved(MaintenanceWindow.create(UUID.randomUUID(), r, clock.instant()), EditOperation.CREATED).view();
    }

    /**
     * Maintenance windows, optionally of one service, keyset-paged (ties by name, then id); or their
     * changes feed when {@code feed} is given.
     */
    @Transactional
    public Page<WindowRequests.MaintenanceView> maintenanceWindows(PageRequest page, Sort sort, UUID serviceId,
            ChangesFeed.Window feed) {
        ListQuery<MaintenanceWindow> query = new ListQuery<>(MaintenanceWindow.class, "maintenance_window")
                .where("service_id = :service", "service", serviceId);
        Keyset<MaintenanceWindow> keys = feed != null ? Keyset.ascending(List.of(MAINTENANCE_UPDATED_AT, MAINTENANCE_ID))
                : Keyset.of(sort, List.of(MAINTENANCE_NAME, MAINTENANCE_SERVICE), List.of(MAINTENANCE_NAME, MAINTENANCE_ID));
        return query.page(em, keys, page, feed).map(MaintenanceWindow::view);
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
