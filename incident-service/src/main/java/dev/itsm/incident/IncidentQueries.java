package dev.itsm.incident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.incident.api.IncidentSummary;
import dev.itsm.incident.sla.SlaTimerReplica;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

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

    /**
     * One page. {@code sort} null means "not asked for": newest first, or by relevance (then newest
     * first) when the filter has a text search.
     */
    public Page<Incident> list(IncidentFilter filter, Sort sort, PageRequest page) {
        Map<String, Object> params = IncidentFilter.params();
        String where = filter.where(params);
        var em = Panache.getEntityManager();
        TypedQuery<Incident> q = em.createQuery("select i from Incident i" + where + " order by " + orderBy(filter, sort),
                Incident.class);
        TypedQuery<Long> count = em.createQuery("select count(i) from Incident i" + where, Long.class);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Incident> items = q.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Page<>(items, page.page(), page.size(), count.getSingleResult());
    }

    /**
     * The ORDER BY: the asked order, ties broken by openedAt (unless sorted by it already) and id, in
     * the direction of the last field — so that one index (field, opened_at, id) serves a sort in
     * both directions, and the default order under a filter on that field (V6__incident_sort_indexes.sql).
     */
    static String orderBy(IncidentFilter filter, Sort sort) {
        if (sort == null && filter.searchText() != null) {
            return "text_rank(i.searchDocument, :text) desc, i.openedAt desc, i.id desc";
        }
        Sort effective = sort != null ? sort : Sort.parse(DEFAULT_SORT, SORTABLE, DEFAULT_SORT);
        String direction = effective.orders().get(effective.orders().size() - 1).descending() ? " desc" : " asc";
        boolean byOpenedAt = effective.orders().stream().anyMatch(o -> o.column().equals(SORTABLE.get("openedAt")));
        return effective.toOrderBy() + (byOpenedAt ? "" : ", i.openedAt" + direction) + ", i.id" + direction;
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

    /** SLA timers of the given incidents, by incident (by metric, then agreement). */
    public Map<UUID, List<SlaTimerReplica>> slaOf(Collection<UUID> incidentIds) {
        Map<UUID, List<SlaTimerReplica>> result = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return result;
        }
        List<SlaTimerReplica> all = SlaTimerReplica.list("incidentId in ?1 order by metric, agreementName, timerId",
                List.copyOf(incidentIds));
        for (SlaTimerReplica s : all) {
            result.computeIfAbsent(s.incidentId(), k -> new ArrayList<>()).add(s);
        }
        return result;
    }
}
