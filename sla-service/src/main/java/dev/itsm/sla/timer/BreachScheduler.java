package dev.itsm.sla.timer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.itsm.sla.SlaConfig;
import dev.itsm.sla.incident.IncidentWatermark;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds timers that reached a warning threshold or their due time and announces each fact once.
 * Uses the partial index on {@code next_check_at}; rows are claimed with {@code FOR UPDATE SKIP LOCKED},
 * so any number of instances can run it side by side.
 */
@ApplicationScoped
public class BreachScheduler {

    private static final Logger LOG = Logger.getLogger(BreachScheduler.class);

    private final TimerService timers;
    private final IncidentWatermark watermark;
    private final SlaConfig config;
    private final Clock clock;

    BreachScheduler(TimerService timers, IncidentWatermark watermark, SlaConfig config, Clock clock) {
        this.timers = timers;
        this.watermark = watermark;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${sla.scheduler.interval}", delayed = "${sla.scheduler.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void run() {
        try {
            runOnce(clock.instant().truncatedTo(ChronoUnit.MILLIS)); // the SQL compares with this instant, not the database's now()
        } catch (RuntimeException e) {
            LOG.warnf("SLA scheduler round failed, next round retries: %s", e.toString());
        }
    }

    /**
     * Processes batches until no due timer is left; returns the number of timers looked at. Looks only as far
     * as the incident stream's watermark: a warning or breach due later may still be undone by an event the
     * consumer has not applied yet (a hold that happened before the due time), and an announcement cannot be
     * taken back. Caught up, the watermark is {@code now}.
     */
    public int runOnce(Instant now) {
        Optional<Instant> upTo = watermark.appliedUpTo(now);
        if (upTo.isEmpty()) {
            return 0;
        }
        int total = 0;
        int batch = config.scheduler().batchSize();
        while (true) {
            int n = timers.processDue(upTo.get(), batch);
            total += n;
            if (n < batch) {
                return total;
            }
        }
    }

    /** Skips rounds when {@code sla.scheduler.enabled=false}. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        private final SlaConfig config;

        Disabled(SlaConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.scheduler().enabled();
        }
    }
}
