package dev.itsm.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Closes RESOLVED incidents {@code incident.auto-close.after} after their resolution
 * (IncidentClosed by actor {@code system}); each incident in its own transaction.
 */
@ApplicationScoped
public class AutoCloser {

    private static final Logger LOG = Logger.getLogger(AutoCloser.class);

    private final IncidentService incidents;
    private final IncidentConfig config;
    private final Clock clock;

    AutoCloser(IncidentService incidents, IncidentConfig config, Clock clock) {
        this.incidents = incidents;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${incident.auto-close.every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (config.autoClose().enabled()) {
            closeDue(clock.instant());
        }
    }

    /** Closes every incident resolved before {@code now - after}; returns how many it closed. */
    public int closeDue(Instant now) {
        int closed = 0;
        for (UUID id : due(now.minus(config.autoClose().after()))) {
            try {
                if (incidents.closeAutomatically(id, now)) {
                    closed++;
                }
            } catch (RuntimeException e) {
                // e.g. someone reopened it at the same moment: it is no longer due; next run decides again
                LOG.infof("Auto-close of incident %s skipped: %s", id, e.getMessage());
            }
        }
        if (closed > 0) {
            LOG.infof("Auto-closed %d incidents resolved before %s", closed, now.minus(config.autoClose().after()));
        }
        return closed;
    }

    @Transactional
    List<UUID> due(Instant resolvedBefore) {
        return Panache.getEntityManager().createQuery("""
                select i.id from Incident i where i.state = :state and i.resolvedAt < :before order by i.resolvedAt""",
                UUID.class)
                .setParameter("state", IncidentState.RESOLVED)
                .setParameter("before", resolvedBefore)
                .setMaxResults(config.autoClose().batchSize())
                .getResultList();
    }
}
