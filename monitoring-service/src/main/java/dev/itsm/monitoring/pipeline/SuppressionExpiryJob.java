package dev.itsm.monitoring.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.events.MonitoringEvent;
import dev.itsm.platform.events.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Lifts suppressions that ran out — a manual one at its {@code until}, a change or maintenance window's when the
 * window ends — and places the alerts still firing: so an alert that outlives its change window does open an incident
 * (unless another window covers it by now). Every {@code monitoring.suppression.check-every}; tests call
 * {@link #liftExpired()}.
 */
@ApplicationScoped
public class SuppressionExpiryJob {

    private static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    ProcessingLock lock;

    @Inject
    AlertPlacement placement;

    @Inject
    CorrelationScopes scopes;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Scheduled(every = "${monitoring.suppression.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        liftExpired();
    }

    /** Lifts every expired suppression; returns how many. */
    public int liftExpired() {
        int total = 0;
        int n;
        while ((n = liftBatch()) > 0) {
            total += n;
        }
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int liftBatch() {
        lock.acquire();
        Instant now = clock.instant();
        List<Alert> expired = em.createQuery("""
                from Alert a where a.suppressionReason is not null and a.suppressedUntil <= :now
                order by a.suppressedUntil, a.id""", Alert.class)
                .setParameter("now", now)
                .setMaxResults(BATCH)
                .getResultList();
        CorrelationScope scope = scopes.open(now);
        List<MonitoringEvent> events = new ArrayList<>();
        for (Alert alert : expired) {
            boolean wasActive = alert.isActive();
            events.add(alert.unsuppress(null, now));
            placement.activityChanged(alert, wasActive, true, scope, events);
        }
        outbox.appendAll(events);
        return expired.size();
    }
}
