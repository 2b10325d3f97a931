package dev.itsm.change.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.itsm.change.ChangeType;
import dev.itsm.change.JsonColumns;
import dev.itsm.change.catalog.CatalogGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Loads what the conflict check needs for one window (overlapping scheduled changes, blackout
 * windows, maintenance windows, the dependency graph) and runs {@link ConflictDetector}.
 */
@ApplicationScoped
public class ScheduleService {

    /** Advisory lock key serialising schedule decisions, so two overlapping changes cannot both pass the check. */
    static final long SCHEDULE_LOCK = 8082_0001L;

    private static final TypeReference<List<UUID>> UUIDS = new TypeReference<>() {
    };

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

    @SuppressWarnings("unchecked")
    List<ScheduledChange> overlapping(Instant start, Instant end, UUID exclude) {
        List<Object[]> rows = em.createNativeQuery("""
                select id, number, planned_start, planned_end, service_ids, ci_ids from change_request
                where state in ('SCHEDULED', 'IMPLEMENT') and planned_start < ?1 and planned_end > ?2 and id <> ?3""")
                .setParameter(1, end).setParameter(2, start).setParameter(3, exclude).getResultList();
        List<ScheduledChange> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Set<UUID> scope = new HashSet<>(JsonColumns.read((String) r[4], UUIDS));
            scope.addAll(JsonColumns.read((String) r[5], UUIDS));
            out.add(new ScheduledChange((UUID) r[0], (String) r[1], instant(r[2]), instant(r[3]), scope));
        }
        return out;
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
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }
}
