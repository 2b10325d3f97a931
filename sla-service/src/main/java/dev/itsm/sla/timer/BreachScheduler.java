package dev.itsm.sla.timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.itsm.sla.SlaConfig;
import dev.itsm.sla.incident.IncidentWatermark;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Announces each warning and breach once, when it is due. Two ways lead to the same round ({@link #runOnce}):
 * <ul>
 * <li><b>wake-ups</b>: a thread sleeps until the earliest next check in this instance's {@link WakeUpQueue} —
 * loaded from the index on {@code next_check_at} at start-up and whenever the loaded window runs low, and fed by
 * every timer change this instance commits ({@link TimersChanged}, after success);</li>
 * <li><b>polling</b> every {@code sla.scheduler.interval}, the safety net for timers changed by another instance
 * and wake-ups missed (a failed round); it also reloads the queue.</li>
 * </ul>
 * Who announces is decided in the database, not here: a round claims the due rows with {@code FOR UPDATE SKIP
 * LOCKED} and re-evaluates each, so another instance's round, a poll racing a wake-up, or a stale queue entry (the
 * timer was paused, retargeted or announced since) announces nothing twice.
 */
@ApplicationScoped
public class BreachScheduler {

    private static final Logger LOG = Logger.getLogger(BreachScheduler.class);
    /** The longest pause between wake-up attempts while rounds fail. */
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);

    private final TimerService timers;
    private final IncidentWatermark watermark;
    private final SlaConfig config;
    private final Clock clock;
    private final WakeUpQueue queue;
    private volatile Thread waker;

    BreachScheduler(TimerService timers, IncidentWatermark watermark, SlaConfig config, Clock clock) {
        this.timers = timers;
        this.watermark = watermark;
        this.config = config;
        this.clock = clock;
        this.queue = new WakeUpQueue(config.scheduler().queueCapacity());
    }

    void onStart(@Observes StartupEvent started) {
        if (config.scheduler().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent stopping) {
        stop();
    }

    /** Starts the wake-up thread (its first turn loads the queue). */
    synchronized void start() {
        if (waker == null) {
            Thread t = new Thread(this::wakeUpLoop, "sla-breach-waker");
            t.setDaemon(true);
            waker = t;
            t.start();
        }
    }

    /** Stops the wake-up thread and waits for its round to end. */
    synchronized void stop() {
        Thread t = waker;
        waker = null;
        if (t != null) {
            queue.wakeUp(); // not interrupted: a round in progress commits or rolls back normally
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** This instance's changes, once committed: a rolled-back change never gets here. */
    void onTimersChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TimersChanged changed) {
        if (waker != null) {
            changed.nextChecks().forEach(queue::apply);
        }
    }

    @Scheduled(every = "${sla.scheduler.interval}", delayed = "${sla.scheduler.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void poll() {
        try {
            Instant now = now();
            runOnce(now);
            load(now); // learns what other instances changed within the horizon
        } catch (RuntimeException e) {
            LOG.warnf("SLA scheduler poll failed, the next one retries: %s", e.toString());
        }
    }

    private void wakeUpLoop() {
        Duration tick = config.scheduler().tick();
        Duration backoff = tick;
        while (waker == Thread.currentThread()) {
            try {
                Instant now = now();
                if (queue.needsLoad(now, config.scheduler().horizon())) {
                    load(now);
                }
                Instant head = queue.head();
                if (head == null || head.isAfter(now)) {
                    queue.awaitHead(now, tick);
                } else if (!announceDue(now)) {
                    queue.pause(tick); // due, but beyond the incident stream's watermark: look again a tick later
                }
                backoff = tick;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away, most likely: back off up to FAILURE_BACKOFF rather than retry every tick
                LOG.warnf("SLA scheduler wake-up failed, retrying in %s: %s", backoff, e.toString());
                try {
                    queue.pause(backoff);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(FAILURE_BACKOFF) > 0 ? FAILURE_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** One round for the entries due up to the watermark; false when the watermark holds them all back. */
    private boolean announceDue(Instant now) {
        Optional<Instant> upTo = watermark.appliedUpTo(now);
        if (upTo.isEmpty()) {
            return false;
        }
        // taken before the round: an entry fed while it runs stays for the next turn
        List<NextCheck> taken = queue.takeDue(upTo.get());
        if (taken.isEmpty()) {
            return false;
        }
        try {
            processUpTo(upTo.get());
            return true;
        } catch (RuntimeException e) {
            taken.forEach(queue::apply); // a newer version fed meanwhile wins
            throw e;
        }
    }

    private void load(Instant now) {
        Instant upTo = now.plus(config.scheduler().horizon());
        int limit = config.scheduler().queueCapacity();
        queue.load(timers.nextChecks(upTo, limit), upTo, limit);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS); // the SQL compares with this instant, not the database's now()
    }

    /**
     * Processes batches until no due timer is left; returns the number of timers looked at. Looks only as far
     * as the incident stream's watermark: a warning or breach due later may still be undone by an event the
     * consumer has not applied yet (a hold that happened before the due time), and an announcement cannot be
     * taken back. Caught up, the watermark is {@code now}.
     */
    public int runOnce(Instant now) {
        Optional<Instant> upTo = watermark.appliedUpTo(now);
        return upTo.map(this::processUpTo).orElse(0);
    }

    private int processUpTo(Instant upTo) {
        int total = 0;
        int batch = config.scheduler().batchSize();
        while (true) {
            int n = timers.processDue(upTo, batch);
            total += n;
            if (n < batch) {
                return total;
            }
        }
    }

    /** Entries in this instance's wake-up queue (for tests and the benchmark). */
    int queued() {
        return queue.size();
    }

    /** Skips polls when {@code sla.scheduler.enabled=false}. */
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
