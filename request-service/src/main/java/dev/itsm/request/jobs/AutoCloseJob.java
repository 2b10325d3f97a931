package dev.itsm.request.jobs;

import dev.itsm.request.RequestService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Closes FULFILLED requests {@code request.auto-close-after} after their fulfilment (ServiceRequestClosed automatic)
 * every {@code request.auto-close.check-every}; like {@link GrantExpiryJob}, safe on every instance at once
 * ({@link RequestService#closeDueRequests} skips rows another caller holds).
 */
@ApplicationScoped
public class AutoCloseJob {

    private static final Logger LOG = Logger.getLogger(AutoCloseJob.class);

    private final RequestService requests;
    private final Clock clock;
    private final int batchSize;

    AutoCloseJob(RequestService requests, Clock clock,
            @ConfigProperty(name = "request.jobs.batch-size", defaultValue = "100") int batchSize) {
        this.requests = requests;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(identity = "request-auto-close", every = "${request.auto-close.check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            closeDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("Closing fulfilled requests failed, retried at the next run: %s", e.getMessage());
        }
    }

    /** Closes every request due at {@code now}, in batches; returns how many this call closed. */
    public int closeDue(Instant now) {
        int closed = DueWork.drain(now, batchSize, requests::closeDueRequests);
        if (closed > 0) {
            LOG.infof("Closed %d fulfilled requests automatically by %s", closed, now);
        }
        return closed;
    }
}
