package dev.itsm.incident;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

/**
 * Reads the counters the database keeps per service, state and priority ({@code incident_count},
 * maintained by triggers in the transaction of every change: V4__incident_counts.sql). A summary
 * from them costs O(services x states x priorities), whatever the number of incidents.
 */
@ApplicationScoped
public class IncidentCounters {

    /** Rows of (state, priority, count), non-zero cells only, for a filter {@link IncidentFilter#countedByCounters}. */
    @SuppressWarnings("unchecked")
    public List<Object[]> cells(IncidentFilter filter) {
        Map<String, Object> params = new HashMap<>();
        Query q = Panache.getEntityManager().createNativeQuery("select state, priority, sum(count) from incident_count"
                + where(filter, params) + " group by state, priority having sum(count) <> 0");
        params.forEach(q::setParameter);
        return q.getResultList();
    }

    /**
     * How many incidents match a filter {@link IncidentFilter#countedByCounters}: exact, and as cheap as the summary —
     * the list's {@code total} for such a filter is read here instead of counting matching rows.
     */
    public long total(IncidentFilter filter) {
        Map<String, Object> params = new HashMap<>();
        Query q = Panache.getEntityManager().createNativeQuery("select coalesce(sum(count), 0) from incident_count"
                + where(filter, params));
        params.forEach(q::setParameter);
        return ((Number) q.getSingleResult()).longValue();
    }

    private static String where(IncidentFilter filter, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(" where count <> 0");
        if (filter.serviceId() != null) {
            sql.append(" and service_id = :serviceId");
            params.put("serviceId", filter.serviceId());
        }
        if (filter.states() != null && !filter.states().isEmpty()) {
            sql.append(" and state in (:states)");
            params.put("states", filter.states().stream().map(Enum::name).toList());
        }
        if (filter.priorities() != null && !filter.priorities().isEmpty()) {
            sql.append(" and priority in (:priorities)");
            params.put("priorities", filter.priorities().stream().map(Enum::name).toList());
        }
        return sql.toString();
    }
}
