package dev.itsm.sla.timer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.http.NativeKeysetQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The timer list: keyset-paged in any allowed order, or the changes feed in {@code (updatedAt, id)} order,
 * counted as the request asks ({@link NativeKeysetQuery}). Every sort ends in the default order's columns and the id, which is what
 * the indexes of V5__list_order_indexes_and_feed.sql hold after their leading column.
 */
@ApplicationScoped
public class TimerQueries {

    /** What a list request filters on; {@code null} means any. */
    public record Filter(UUID incidentId, UUID agreementId, TimerState state, Metric metric, RecordKind recordKind, UUID recordId) {

        /** The filters an incident-only client knows. */
        public Filter(UUID incidentId, UUID agreementId, TimerState state, Metric metric) {
            this(incidentId, agreementId, state, metric, null, null);
        }
    }

    static final Keyset.Column<SlaTimer> STARTED_AT = Keyset.Column.of("started_at", Instant.class, SlaTimer::startedAt);
    static final Keyset.Column<SlaTimer> AGREEMENT_NAME = Keyset.Column.of("agreement_name", String.class, SlaTimer::agreementName);
    static final Keyset.Column<SlaTimer> METRIC = Keyset.Column.of("metric", Metric.class, SlaTimer::metric);
    /** Null while paused (and for timers paused when they stopped). */
    static final Keyset.Column<SlaTimer> DUE_AT = Keyset.Column.nullable("due_at", Instant.class, SlaTimer::dueAt);
    static final Keyset.Column<SlaTimer> UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, SlaTimer::updatedAt);
    static final Keyset.Column<SlaTimer> ID = Keyset.Column.of("id", UUID.class, SlaTimer::id);

    /** API field → column of the sorts the list allows. */
    public static final Map<String, String> SORTABLE = Map.of("startedAt", STARTED_AT.expression(), "dueAt", DUE_AT.expression(),
            "metric", METRIC.expression(), "agreementName", AGREEMENT_NAME.expression());
    public static final String DEFAULT_SORT = "startedAt,agreementName,metric";

    private static final List<Keyset.Column<SlaTimer>> SORT_COLUMNS = List.of(STARTED_AT, AGREEMENT_NAME, METRIC, DUE_AT);
    /** Ties broken by the default order, then the id: the same trailing columns in every index. */
    private static final List<Keyset.Column<SlaTimer>> TIE_BREAKS = List.of(STARTED_AT, AGREEMENT_NAME, METRIC, ID);

    private final EntityManager em;

    TimerQueries(EntityManager em) {
        this.em = em;
    }

    /** One page in {@code sort}'s order, or of the changes feed when {@code feed} is given. */
    public Page<SlaTimer> list(Filter filter, PageRequest request, Sort sort, ChangesFeed.Window feed) {
        NativeKeysetQuery<SlaTimer> query = new NativeKeysetQuery<>("sla_timer", SlaTimer.class);
        if (filter.incidentId() != null) {
            query.where("incident_id = :incidentId", Map.of("incidentId", filter.incidentId()));
        }
        if (filter.recordKind() != null) {
            query.where("record_kind = :recordKind", Map.of("recordKind", filter.recordKind()));
        }
        if (filter.recordId() != null) {
            query.where("record_id = :recordId", Map.of("recordId", filter.recordId()));
        }
        if (filter.agreementId() != null) {
            query.where("agreement_id = :agreementId", Map.of("agreementId", filter.agreementId()));
        }
        if (filter.metric() != null) {
            query.where("metric = :metric", Map.of("metric", filter.metric()));
        }
        if (filter.state() != null) {
            // the generated column: SlaTimer.state() as the database computes it
            query.where("state = :state", Map.of("state", filter.state()));
        }
        if (feed != null) {
            query.feed(feed, UPDATED_AT.expression());
        }
        Keyset<SlaTimer> keys = feed != null ? Keyset.ascending(List.of(UPDATED_AT, ID)) : Keyset.of(sort, SORT_COLUMNS, TIE_BREAKS);
        return query.page(em, keys, request, feed != null);
    }
}
