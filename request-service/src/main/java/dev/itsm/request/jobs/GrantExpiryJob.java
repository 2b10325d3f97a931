package dev.itsm.request.jobs;

import dev.itsm.request.RequestService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Revokes access grants whose expiry has come (AccessRevoked, reason EXPIRED) every {@code request.access.check-every}.
 * Every instance runs it: {@link RequestService#revokeDueGrants} takes the due grants FOR UPDATE SKIP LOCKED, so two
 * instances share a backlog and each grant is revoked exactly once. A grant is revoked at most check-every late.
 */
@ApplicationScoped
public class GrantExpiryJob {

    private static final Logger LOG = Logger.getLogger(GrantExpiryJob.class);

    private final RequestService requests;
    private final Clock clock;
    private final int batchSize;

    GrantExpiryJob(RequestService requests, Clock clock,
            @ConfigProperty(name = "request.jobs.batch-size", defaultValue = "100") int batchSize) {
        this.requests = requests;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(identity = "request-grant-expiry", every = "${request.access.check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            revokeDue(clock.instant());
        } catch (RuntimeException e) {
            // e.g. the database is away: the next run takes the same grants again
            LOG.warnf("Revoking expired access grants failed, retried at the next run: %s", e.getMessage());
        }
    }

    /** Revokes every grant due at {@code now}, in batches; returns how many this call revoked. */
    public int revokeDue(Instant now) {
        int revoked = DueWork.drain(now, batchSize, requests::revokeDueGrants);
        if (revoked > 0) {
            LOG.infof("Revoked %d access grants that expired by %s", revoked, now);
        }
        return revoked;
    }
}
