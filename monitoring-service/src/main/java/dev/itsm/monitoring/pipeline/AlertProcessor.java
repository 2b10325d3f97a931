package dev.itsm.monitoring.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import dev.itsm.monitoring.MonitoringConfig;
import dev.itsm.monitoring.intake.AlertsQueued;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Drains the intake queue: one {@link AlertBatch} transaction after the other until the queue is empty — woken by
 * every intake commit of this instance ({@link AlertsQueued}), and every {@code monitoring.processing.every} as the
 * safety net that also drains what other instances' intakes queued (tests set it off and call
 * {@link #processPending()} themselves). At most one drain runs per instance; the advisory lock of {@link AlertBatch}
 * makes it one across instances. A batch that fails rolls back
 * whole — its entries go back to the queue and are tried again, one by one. While webhooks keep arriving, a drain gives
 * way to the intake after each batch ({@link IntakeFirst}).
 */
@ApplicationScoped
public class AlertProcessor {

    @Inject
    AlertBatch batch;

    @Inject
    MonitoringConfig config;

    @Inject
    ProcessingFailures failures;

    @Inject
    ManagedExecutor executor;

    @Inject
    IntakeFirst intakeFirst;

    @ConfigProperty(name = "monitoring.processing.every")
    String every;

    private static final Logger LOG = Logger.getLogger(AlertProcessor.class);

    /** A drain of this instance is running. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Something was queued since the running drain last looked. */
    private final AtomicBoolean wanted = new AtomicBoolean();

    @Scheduled(every = "${monitoring.processing.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        wake();
    }

    void onQueued(@Observes AlertsQueued queued) {
        if (!"off".equals(every)) {
            wake();
        }
    }

    /**
     * Starts a drain on a worker thread unless one is running, in which case that one goes round once more. Never
     * blocks the caller (the intake answers its 202 without waiting for processing).
     */
    void wake() {
        wanted.set(true);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drainWhileWanted);
        }
    }

    private void drainWhileWanted() {
        try {
            while (wanted.getAndSet(false)) {
                drain(true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf(e, "processing the intake queue failed; the queued alerts are retried at the next round");
        } finally {
            draining.set(false);
        }
    }

    /**
     * Processes batches until the queue is empty; returns the number of entries processed (set-aside ones included).
     * A batch that fails is tried again entry by entry; an entry that fails alone for a reason that will not pass is set
     * aside ({@link ProcessingFailures}). A transient failure (the database away, a deadlock) is thrown: the entries
     * stay queued for the next round.
     */
    public int processPending() {
        try {
            return drain(false);
        } catch (InterruptedException e) {
            throw new IllegalStateException("not paced: cannot be interrupted", e);
        }
    }

    /** {@link #processPending()}; {@code paced}: gives way to the intake after each batch ({@link IntakeFirst}). */
    private int drain(boolean paced) throws InterruptedException {
        int total = 0;
        while (true) {
            long started = System.nanoTime();
            int n;
            try {
                n = batch.process(config.batchSize());
            } catch (BatchFailedException e) {
                if (ProcessingFailures.isTransient(e)) {
                    throw e;
                }
                LOG.warnf(e, "a processing batch failed; trying its %d entries one by one", e.seqs().size());
                n = oneByOne(e.seqs().size());
            }
            if (n == 0) {
                return total;
            }
            total += n;
            if (paced) {
                intakeFirst.afterBatch(System.nanoTime() - started);
            }
        }
    }

    /** Up to {@code count} entries in single-entry batches, setting aside one that fails alone. */
    private int oneByOne(int count) {
        int done = 0;
        for (int i = 0; i < count; i++) {
            try {
                if (batch.process(1) == 0) {
                    return done;
                }
            } catch (BatchFailedException e) {
                if (ProcessingFailures.isTransient(e)) {
                    throw e;
                }
                long seq = e.seqs().get(0);
                try {
                    failures.park(seq, e.getCause());
                    LOG.errorf(e, "intake entry %d set aside in alert_processing_failure", seq);
                } catch (ProcessingFailures.NotOldestAnyMore gone) {
                    LOG.infof("intake entry %d was taken meanwhile; not set aside", seq);
                }
            }
            done++;
        }
        return done;
    }
}
