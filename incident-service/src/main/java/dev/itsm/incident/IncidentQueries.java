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

    public Page<Incident> list(IncidentFilter filter, String orderBy, PageRequest page) {
        Map<String, Object> params = IncidentFilter.params();
        String where = filter.where(params);
        var em = Panache.getEntityManager();
        TypedQuery<Incident> q = em.createQuery("select i from Incident i" + where + " order by " + orderBy + ", i.id",
                Incident.class);
        TypedQuery<Long> count = em.createQuery("select count(i) from Incident i" + where, Long.class);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Incident> items = q.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Page<>(items, page.page(), page.size(), count.getSingleResult());
    }

    public IncidentSummary summary(IncidentFilter filter) {
        Map<String, Object> params = IncidentFilter.params();
        String where = filter.where(params);
        TypedQuery<Object[]> q = Panache.getEntityManager().createQuery(
                "select i.state, i.priority, count(i) from Incident i" + where + " group by i.state, i.priority",
                Object[].class);
        params.forEach(q::setParameter);
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
        for (Object[] row : q.getResultList()) {
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
