package dev.itsm.change.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.itsm.change.request.ChangeType;
import dev.itsm.change.catalog.CatalogGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.ZonedDateTime;

/**
 * Loads what the conflict check needs for one window (overlapping scheduled changes, blackout
 * windows, maintenance windows, the dependency graph) and runs {@link ConflictDetector}.
 */
@ApplicationScoped
public class ScheduleService {

    /** Advisory lock key serialising schedule decisions, so two overlapping changes cannot both pass the check. */
    static final long SCHEDULE_LOCK = 8082_0001L;

    private final EntityManager em;
    private final CatalogGraph graph;

    ScheduleService(EntityManager em, CatalogGraph graph) {
        this.em = em;
        this.graph = graph;
    }

    /** Takes the schedule lock until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockSchedule() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, SCHEDULE_LOCK).getSingleResult();
    }

    /** Every conflict of {@code change}'s window and scope against the current schedule. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<Conflict> conflicts(ChangeWindow change) {
        DependencyGraph g = graph.current();
        List<ScheduledChange> others = overlapping(change.start(), change.end(), change.changeId());
        List<Blackout> blackouts = BlackoutWindow.<BlackoutWindow>list("startsAt < ?1 and endsAt > ?2", change.end(), change.start())
                .stream().map(BlackoutWindow::toRule).toList();
        Map<UUID, List<MaintenanceRule>> maintenance = Map.of();
        if (change.type() == ChangeType.NORMAL && !change.serviceIds().isEmpty()) {
            maintenance = MaintenanceWindow.<MaintenanceWindow>list("serviceId in ?1", new ArrayList<>(change.serviceIds()))
                    .stream().map(MaintenanceWindow::toRule).collect(Collectors.groupingBy(MaintenanceRule::serviceId));
        }
        return ConflictDetector.detect(change, g, others, blackouts, maintenance);
    }

    /** Scheduled and implementing changes overlapping [start, end), one row per change and item of its scope. */
    @SuppressWarnings("unchecked")
    List<ScheduledChange> overlapping(Instant start, Instant end, UUID exclude) {
        List<Object[]> rows = em.createNativeQuery("""
                select c.id, c.number, c.planned_start, c.planned_end, cast(item.id as uuid) from change_request c
                left join lateral jsonb_array_elements_text(c.service_ids || c.ci_ids) as item(id) on true
                where c.state in ('SCHEDULED', 'IMPLEMENT') and c.planned_start < ?1 and c.planned_end > ?2 and c.id <> ?3
                order by c.id""")
                .setParameter(1, end).setParameter(2, start).setParameter(3, exclude).getResultList();
        Map<UUID, ScheduledChange> byId = new LinkedHashMap<>();
        for (Object[] r : rows) {
            ScheduledChange change = byId.computeIfAbsent((UUID) r[0],
                    id -> new ScheduledChange(id, (String) r[1], instant(r[2]), instant(r[3]), new HashSet<>()));
            if (r[4] != null) {
                change.scope().add((UUID) r[4]);
            }
        }
        return new ArrayList<>(byId.values());
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }
}
