package dev.itsm.monitoring.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.GroupState;
import dev.itsm.monitoring.events.MonitoringEvent;
import dev.itsm.platform.events.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Resolves the groups whose alerts all stayed clear for their hold-down (the longest flap window of their members):
 * {@code AlertGroupResolved}, which lets incident-service resolve the incident. Every
 * {@code monitoring.resolution.check-every}; tests call {@link #resolveDue()}.
 */
@ApplicationScoped
public class GroupResolutionJob {

    private static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    ProcessingLock lock;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Scheduled(every = "${monitoring.resolution.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        resolveDue();
    }

    /** Resolves every due group; returns how many. */
    public int resolveDue() {
        int total = 0;
        int n;
        while ((n = resolveBatch()) > 0) {
            total += n;
        }
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int resolveBatch() {
        lock.acquire();
        Instant now = clock.instant();
        List<AlertGroup> due = em.createQuery("""
                from AlertGroup g
                where g.resolveAfter <= :now and g.state = :open and g.firingCount = 0
                order by g.resolveAfter, g.id""", AlertGroup.class)
                .setParameter("now", now)
                .setParameter("open", GroupState.OPEN)
                .setMaxResults(BATCH)
                .getResultList();
        List<MonitoringEvent> events = new ArrayList<>();
        for (AlertGroup g : due) {
            g.resolveIfDue(now).ifPresent(events::add);
        }
        outbox.appendAll(events);
        return due.size();
    }
}
