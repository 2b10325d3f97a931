package dev.itsm.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.itsm.incident.api.IncidentSummary;
import dev.itsm.incident.sla.SlaTimerReplica;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Count;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ValidationException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import org.hibernate.Session;

/** Read side: filtered, sorted, paged lists and the dashboard summary. */
@ApplicationScoped
public class IncidentQueries {

    /** API sort field → JPQL property (the allow-list for {@code ?sort=}). */
    public static final Map<String, String> SORTABLE = Map.of(
            "number", "i.number",
            "openedAt", "i.openedAt",
            "updatedAt", "i.updatedAt",
            "priority", "i.priority",
            "state", "i.state",
            "title", "i.title",
            "assignee", "i.assignee");

    /** The order when {@code sort} names no field: newest first. */
    public static final String DEFAULT_SORT = "-openedAt";

    private final IncidentCounters counters;

    IncidentQueries(IncidentCounters counters) {
        this.counters = counters;
    }

    // The columns a list page can be keyed by (IncidentQueries.SORTABLE, plus the tie-breaks and the feed's order).
    static final Keyset.Column<Incident> NUMBER = Keyset.Column.of("i.number", String.class, Incident::number);
    static final Keyset.Column<Incident> OPENED_AT = Keyset.Column.of("i.openedAt", Instant.class, Incident::openedAt);
    static final Keyset.Column<Incident> UPDATED_AT = Keyset.Column.of("i.updatedAt", Instant.class, Incident::updatedAt);
    static final Keyset.Column<Incident> PRIORITY = Keyset.Column.of("i.priority", Priority.class, Incident::priority);
    static final Keyset.Column<Incident> STATE = Keyset.Column.of("i.state", IncidentState.class, Incident::state);
    static final Keyset.Column<Incident> TITLE = Keyset.Column.of("i.title", String.class, Incident::title);
    static final Keyset.Column<Incident> ASSIGNEE = Keyset.Column.nullable("i.assignee", String.class, Incident::assignee);
    static final Keyset.Column<Incident> ID = Keyset.Column.of("i.id", UUID.class, Incident::id);
    private static final List<Keyset.Column<Incident>> COLUMNS = List.of(NUMBER, OPENED_AT, UPDATED_AT, PRIORITY, STATE,
            TITLE, ASSIGNEE);
    /** Equal values are ordered by openedAt, then id, in the direction of the last sort field (see {@link #orderBy}). */
    private static final List<Keyset.Column<Incident>> TIE_BREAKS = List.of(OPENED_AT, ID);
    /** The changes feed's order; index incident_feed (V7__incident_feed_index.sql). */
    static final Keyset<Incident> FEED = Keyset.ascending(List.of(UPDATED_AT, ID));
    /** Newest first: the default order, and each part of a text search's relevance order. */
    static final Keyset<Incident> NEWEST = Keyset.of(Sort.parse(DEFAULT_SORT, SORTABLE, DEFAULT_SORT), COLUMNS, TIE_BREAKS);
    /** Oldest first ({@code sort=openedAt}). */
    static final Keyset<Incident> OLDEST = Keyset.of(Sort.parse("openedAt", SORTABLE, DEFAULT_SORT), COLUMNS, TIE_BREAKS);
    /** Relevance's parts: all the words in number or title, then the other matches (see {@link #byRelevance}). */
    static final Keyset<Incident> TITLE_PART = NEWEST.part("title");
    static final Keyset<Incident> OTHER_PART = NEWEST.part("text");
    private static final String IN_TITLE = "text_matches(i.titleDocument, :text) = true";
    private static final String NOT_IN_TITLE = "text_matches(i.titleDocument, :text) = false";
    private static final String IN_DOCUMENT = "text_matches(i.searchDocument, :text) = true";

    /**
     * One page. {@code sort} null means "not asked for": newest first, or by relevance when the filter has a
     * text search ({@link #byRelevance}). {@code feed} (the changes feed, {@code updatedSince}) orders by
     * (updatedAt, id) instead and excludes a sort. Every order is keyset-paged: a cursor page starts after the
     * last row served, by index.
     */
    public Page<Incident> list(IncidentFilter filter, Sort sort, PageRequest page, ChangesFeed.Window feed) {
        Map<String, Object> params = IncidentFilter.params();
        List<String> where = new ArrayList<>();
        String filterWhere = filter.where(params);
        if (!filterWhere.isEmpty()) {
            where.add(filterWhere.substring(" where ".length()));
        }
        if (feed != null) {
            where.add(ChangesFeed.where(feed, UPDATED_AT.expression(), params));
        }
        // the count sees the filters, not the cursor: the total of the list, not of what is left
        Map<String, Object> countParams = Map.copyOf(params);
        String countWhere = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        Keyset<Incident> keys = keysetOf(filter, sort, feed);
        String after = keys == null ? null : keys.after(page, params);
        if (after != null) {
            where.add(after);
        }
        // bounded, the count reads the matches in the page's order (the same index) — but a text search's in no order:
        // from the GIN index, 10,001 matches of a common word cost 33 ms, in opened_at order 2.5 s (a walk of the
        // index until 10,001 rows matched: 200,000 for a word in 5 % of the rows)
        String countOrder = filter.searchText() != null ? "no_order()" : keys.orderBy();
        // a filter of service, state and priority only is counted by the maintained counters (exact, O(cells)):
        // counting its matching rows read up to 10,001 of them, 40 ms at a million incidents (bench/RESULTS.md §4)
        Count count = feed == null && filter.countedByCounters()
                ? Count.of(page.count(), atMost -> Math.min(counters.total(filter), atMost))
                : Count.of(page.count(), atMost -> countAtMost(countWhere, countOrder, countParams, atMost));
        if (keys == null) {
            return byRelevance(filter, page, count);
        }
        // one row more than the page: whether there is a next one, without counting
        List<Incident> rows = byStateAndPriority(filter, keys, feed, page)
                ? fetchByStateAndPriority(filter, keys, page)
                : fetch(where, params, keys, page.byCursor() ? 0 : page.offset(), page.size() + 1);
        return feed != null ? ChangesFeed.page(keys, rows, page, count) : keys.page(rows, page, count);
    }

    /**
     * A text search without a sort, in two parts: the incidents whose number or title hold the words
     * ({@code titleDocument}, V10__incident_title_search.sql), then the other matches (words in the description),
     * each newest first. Each part is a keyset query that stops after the page — by the GIN index when the words
     * are rare, by the opened_at index when they are common — where ranking (ts_rank) scored every match first:
     * 3 s for a word in 5 % of a million incidents. A cursor names its part, so the next page continues there.
     */
    private static Page<Incident> byRelevance(IncidentFilter filter, PageRequest page, Count count) {
        Map<String, Object> params = IncidentFilter.params();
        List<String> where = new ArrayList<>();
        String others = filter.whereWithoutText(params);
        if (!others.isEmpty()) {
            where.add(others);
        }
        params.put("text", filter.searchText());
        List<String> inTitle = new ArrayList<>(where);
        inTitle.add(IN_TITLE);
        List<String> elsewhere = new ArrayList<>(where);
        elsewhere.add(IN_DOCUMENT);
        elsewhere.add(NOT_IN_TITLE);
        int wanted = page.size() + 1;
        boolean inSecondPart = page.byCursor() && !TITLE_PART.gaveOut(page);
        List<Incident> rows = new ArrayList<>(wanted);
        int fromTitle = 0;
        long skip = page.byCursor() ? 0 : page.offset();
        if (inSecondPart) {
            elsewhere.add(OTHER_PART.after(page, params));
        } else {
            Map<String, Object> titleParams = new HashMap<>(params);
            String after = TITLE_PART.after(page, titleParams);
            if (after != null) {
                inTitle.add(after);
            }
            rows.addAll(fetch(inTitle, titleParams, NEWEST, skip, wanted));
            fromTitle = rows.size();
            // a page number beyond the first part skips what is left of the offset in the second one
            skip = fromTitle > 0 || skip == 0 ? 0 : skip - count(inTitle, titleParams);
        }
        if (rows.size() < wanted) {
            rows.addAll(fetch(elsewhere, params, NEWEST, skip, wanted - rows.size()));
        }
        boolean more = rows.size() > page.size();
        List<Incident> items = more ? rows.subList(0, page.size()) : rows;
        String next = null;
        if (more) {
            Keyset<Incident> part = items.size() <= fromTitle ? TITLE_PART : OTHER_PART;
            next = part.cursorAfter(items.get(items.size() - 1)).encode();
        }
        return Page.of(List.copyOf(items), page, count, next);
    }

    /**
     * Whether the page is read as one index range per (state, priority) pair: several states and priorities asked
     * for (a dashboard's "open P1/P2"), in opened_at order, by cursor or the first page. One range of the index
     * (state, priority, opened_at, id) — or with the service first, V11__incident_state_priority_order.sql — holds
     * one pair's matches in order; several pairs in one range do not, so PostgreSQL collected every match of the
     * filter and sorted them (18 ms for 1,001 matches among a million incidents, bench/raw/read/explain-analyze.txt).
     */
    private static boolean byStateAndPriority(IncidentFilter filter, Keyset<Incident> keys, ChangesFeed.Window feed,
            PageRequest page) {
        return feed == null && filter.searchText() == null && filter.hasSeveralStatePriorityPairs()
                && (page.byCursor() || page.offset() == 0)
                && (keys.orderBy().equals(NEWEST.orderBy()) || keys.orderBy().equals(OLDEST.orderBy()));
    }

    /**
     * The page as the UNION ALL of one keyset query per (state, priority) pair, each in the page's order and limited
     * to the page (an index range read of at most size + 1 rows), the few rows sorted once more for the page; then
     * the incidents of those ids, in that order. Each pair has its own ORDER BY and LIMIT on purpose: PostgreSQL does
     * not derive a branch's order from its own equality conditions once it flattens the union, and would collect
     * every match before sorting (tested in IncidentListIndexTest).
     */
    private static List<Incident> fetchByStateAndPriority(IncidentFilter filter, Keyset<Incident> keys, PageRequest page) {
        Map<String, Object> params = IncidentFilter.params();
        String common = filter.whereWithoutStateAndPriority(params);
        String after = keys.after(page, params);
        List<String> branches = new ArrayList<>();
        int n = 0;
        for (IncidentState state : filter.states().stream().distinct().toList()) {
            for (Priority priority : filter.priorities().stream().distinct().toList()) {
                List<String> where = new ArrayList<>();
                if (!common.isEmpty()) {
                    where.add(common);
                }
                where.add("i.state = :pairState" + n + " and i.priority = :pairPriority" + n);
                params.put("pairState" + n, state);
                params.put("pairPriority" + n, priority);
                if (after != null) {
                    where.add(after);
                }
                branches.add("(select i.id as id, i.openedAt as openedAt from Incident i where " + String.join(" and ", where)
                        + " order by " + keys.orderBy() + " limit :pairLimit)");
                n++;
            }
        }
        params.put("pairLimit", page.size() + 1);
        params.put("pairLimit", page.size() + 1);
        var em = Panache.getEntityManager();
        TypedQuery<UUID> ids = em.createQuery("select p.id from (" + String.join(" union all ", branches) + ") p order by "
                + keys.orderBy().replace("i.", "p."), UUID.class);
        params.forEach(ids::setParameter);
        List<UUID> onPage = ids.setMaxResults(page.size() + 1).getResultList();
        if (onPage.isEmpty()) {
            return List.of();
        }
        // in the ids' order; null for an incident gone since (none are deleted today, but a page must not fail on one)
        return em.unwrap(Session.class).findMultiple(Incident.class, onPage).stream().filter(Objects::nonNull).toList();
    }

    private static List<Incident> fetch(List<String> where, Map<String, Object> params, Keyset<Incident> keys, long skip,
            int max) {
        TypedQuery<Incident> q = Panache.getEntityManager().createQuery("select i from Incident i"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by " + keys.orderBy(),
                Incident.class);
        params.forEach(q::setParameter);
        return q.setFirstResult((int) skip).setMaxResults(max).getResultList();
    }

    /** Exact count of a relevance part: only for a page number past the first part (an OFFSET costs that anyway). */
    private static long count(List<String> where, Map<String, Object> params) {
        TypedQuery<Long> q = Panache.getEntityManager().createQuery("select count(i) from Incident i where "
                + String.join(" and ", where), Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    /**
     * The keyset of the request's order: the asked order, ties broken by openedAt (unless sorted by it already) and
     * id, in the direction of the last field — so that one index (field, opened_at, id) serves a sort in both
     * directions, and the default order under a filter on that field (V6__incident_sort_indexes.sql, which calls this
     * rule IncidentQueries.orderBy). Null for relevance (text search without a sort), served in two parts.
     */
    static Keyset<Incident> keysetOf(IncidentFilter filter, Sort sort, ChangesFeed.Window feed) {
        if (feed != null) {
            return FEED;
        }
        if (sort == null && filter.searchText() != null) {
            return null;
        }
        return sort != null ? Keyset.of(sort, COLUMNS, TIE_BREAKS) : NEWEST;
    }

    /**
     * How many incidents match, looking at no more than {@code atMost} of them: a bounded count stops
     * after 10,001 index entries instead of counting a million. {@code order}: HQL wants an ORDER BY with a
     * LIMIT in a subquery; the list's own order is the one an index serves, {@code no_order()} any order.
     */
    private static long countAtMost(String where, String order, Map<String, Object> params, long atMost) {
        var em = Panache.getEntityManager();
        if (atMost == Long.MAX_VALUE) {
            TypedQuery<Long> all = em.createQuery("select count(i) from Incident i" + where, Long.class);
            params.forEach(all::setParameter);
            return all.getSingleResult();
        }
        TypedQuery<Long> bounded = em.createQuery(
                "select count(*) from (select i.id as id from Incident i" + where + " order by " + order
                        + " limit :countLimit) m", Long.class);
        params.forEach(bounded::setParameter);
        bounded.setParameter("countLimit", (int) atMost);
        return bounded.getSingleResult();
    }

    /**
     * Counts by state and priority. Without filters, or filtered by serviceId, state and/or
     * priority only, they come from the maintained counters ({@link IncidentCounters}); any other
     * filter counts the matching incidents (GROUP BY).
     */
    public IncidentSummary summary(IncidentFilter filter) {
        List<Object[]> rows = filter.countedByCounters() ? counters.cells(filter) : groupBy(filter);
        Map<String, Long> byState = new LinkedHashMap<>();
        for (IncidentState s : IncidentState.values()) {
            byState.put(s.name(), 0L);
        }
        Map<String, Long> byPriority = new LinkedHashMap<>();
        for (Priority p : Priority.values()) {
            byPriority.put(p.name(), 0L);
        }
        Map<String, Map<String, Long>> cells = new LinkedHashMap<>();
        long total = 0;
        for (Object[] row : rows) {
            String state = row[0].toString();
            String priority = row[1].toString();
            long n = ((Number) row[2]).longValue();
            total += n;
            byState.merge(state, n, Long::sum);
            byPriority.merge(priority, n, Long::sum);
            cells.computeIfAbsent(state, k -> new LinkedHashMap<>()).put(priority, n);
        }
        return new IncidentSummary(total, byState, byPriority, cells);
    }

    private static List<Object[]> groupBy(IncidentFilter filter) {
        Map<String, Object> params = IncidentFilter.params();
        String where = filter.where(params);
        TypedQuery<Object[]> q = Panache.getEntityManager().createQuery(
                "select i.state, i.priority, count(i) from Incident i" + where + " group by i.state, i.priority",
                Object[].class);
        params.forEach(q::setParameter);
        return q.getResultList();
    }

    /**
     * SLA timers of the given incidents, by incident (by metric, then agreement). One statement for any
     * number of ids: {@code = any(?)} with an array, where an HQL {@code in ?1} would be translated anew
     * for every distinct list size (a page of 50 and a single incident are two translations, on every request).
     */
    public Map<UUID, List<SlaTimerReplica>> slaOf(Collection<UUID> incidentIds) {
        Map<UUID, List<SlaTimerReplica>> result = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return result;
        }
        @SuppressWarnings("unchecked")
        List<SlaTimerReplica> all = Panache.getEntityManager().createNativeQuery(
                "select * from incident_sla_timer where incident_id = any(?1) order by metric, agreement_name, timer_id",
                SlaTimerReplica.class).setParameter(1, incidentIds.toArray(UUID[]::new)).getResultList();
        for (SlaTimerReplica s : all) {
            result.computeIfAbsent(s.incidentId(), k -> new ArrayList<>()).add(s);
        }
        return result;
    }
}
