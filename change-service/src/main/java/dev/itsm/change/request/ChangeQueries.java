package dev.itsm.change.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.change.ListQuery;
import dev.itsm.change.api.ChangeView;
import dev.itsm.change.risk.Risk;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The list of change requests: filtered, in a sort the API allows or as a changes feed, keyset-paged.
 * Every sort is served by an index (V4__list_indexes.sql): {@code (field, created_at, id)}, which also
 * serves the default order (newest first) under a filter on that field; {@code number} is unique and
 * orders alone.
 */
@ApplicationScoped
public class ChangeQueries {

    /** API sort field → column (the allow-list for {@code ?sort=}). */
    public static final Map<String, String> SORTABLE = Map.of("number", "number", "createdAt", "created_at",
            "plannedStart", "planned_start", "state", "state", "type", "type", "risk", "risk", "title", "title");

    /** Newest first. */
    public static final String DEFAULT_SORT = "-createdAt";

    static final Keyset.Column<ChangeRequest> NUMBER = Keyset.Column.of("number", String.class, ChangeRequest::number);
    static final Keyset.Column<ChangeRequest> CREATED_AT = Keyset.Column.of("created_at", Instant.class, ChangeRequest::createdAt);
    static final Keyset.Column<ChangeRequest> PLANNED_START = Keyset.Column.nullable("planned_start", Instant.class,
            ChangeRequest::plannedStart);
    static final Keyset.Column<ChangeRequest> STATE = Keyset.Column.of("state", String.class, c -> c.state().name());
    static final Keyset.Column<ChangeRequest> TYPE = Keyset.Column.of("type", String.class, c -> c.type().name());
    static final Keyset.Column<ChangeRequest> RISK = Keyset.Column.nullable("risk", String.class,
            c -> c.risk() == null ? null : c.risk().name());
    static final Keyset.Column<ChangeRequest> TITLE = Keyset.Column.of("title", String.class, ChangeRequest::title);
    static final Keyset.Column<ChangeRequest> UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, ChangeRequest::updatedAt);
    static final Keyset.Column<ChangeRequest> ID = Keyset.Column.of("id", UUID.class, ChangeRequest::id);

    private static final List<Keyset.Column<ChangeRequest>> SORT_COLUMNS = List.of(NUMBER, CREATED_AT, PLANNED_START, STATE,
            TYPE, RISK, TITLE);

    /** What {@code GET /changes} filters by; null = not filtered. */
    public record Filter(ChangeState state, ChangeType type, Risk risk, UUID serviceId, String requestedBy) {
    }

    private final EntityManager em;

    ChangeQueries(EntityManager em) {
        this.em = em;
    }

    /** One page in {@code sort}'s order, or of the changes feed when {@code feed} is given (then in (updatedAt, id) order). */
    @Transactional
    public Page<ChangeView> list(Filter filter, Sort sort, PageRequest page, ChangesFeed.Window feed) {
        ListQuery<ChangeRequest> query = new ListQuery<>(ChangeRequest.class, "change_request")
                .where("state = :state", "state", filter.state() == null ? null : filter.state().name())
                .where("type = :type", "type", filter.type() == null ? null : filter.type().name())
                .where("risk = :risk", "risk", filter.risk() == null ? null : filter.risk().name())
                .where("service_ids @> cast(:service as jsonb)", "service",
                        filter.serviceId() == null ? null : "[\"" + filter.serviceId() + "\"]")
                .where("requested_by = :requestedBy", "requestedBy", filter.requestedBy());
        return query.page(em, keys(sort, feed), page, feed).map(c -> ChangeView.of(c, List.of()));
    }

    /**
     * The keyset of the order: the sort, then created_at and id in the direction of its last field (one
     * index (field, created_at, id) serves it both ways); a sort by the unique number needs no tie-break.
     */
    static Keyset<ChangeRequest> keys(Sort sort, ChangesFeed.Window feed) {
        if (feed != null) {
            return Keyset.ascending(List.of(UPDATED_AT, ID));
        }
        boolean byNumber = sort.orders().stream().anyMatch(o -> o.column().equals(NUMBER.expression()));
        return Keyset.of(sort, SORT_COLUMNS, byNumber ? List.of(NUMBER) : List.of(CREATED_AT, ID));
    }
}
