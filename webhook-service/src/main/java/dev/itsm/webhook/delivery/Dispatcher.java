package dev.itsm.webhook.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.itsm.webhook.subscription.SubscriptionResumed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Moves due deliveries to their subscribers. One thread claims due head deliveries ({@link DeliveryQueue#claim}, a
 * short transaction), hands each to the non-blocking {@link HttpSender}, and the outcome is recorded on a worker
 * thread ({@link DeliveryRecorder}): no database transaction is ever open during HTTP.
 * <p>
 * Bounded: at most {@code max-in-flight} attempts from this instance and {@code per-subscription-concurrency} per
 * subscription, so a slow or dead subscriber holds at most its own few slots while the others go on. Woken right
 * after an intake transaction commits, when an attempt ends (a slot is free), when a scheduled retry falls due, and
 * every {@code poll-interval} (deliveries queued by other instances).
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Object WAKE_REGISTERED = new Object();
    /** Headroom of a lease beyond the timeouts: name lookup, queueing on the worker pool, recording. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final DeliveryQueue queue;
    private final HttpSender sender;
    private final DeliveryRecorder recorder;
    private final WebhookDeliveryConfig config;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final Semaphore signal = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<UUID, AtomicInteger> inFlightBySubscription = new ConcurrentHashMap<>();
    /** Epoch millis (by the injected clock) of the earliest retry this instance scheduled; Long.MAX_VALUE when none. */
    private final AtomicLong earliestRetry = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean running;
    private Thread thread;
    private ExecutorService workers;

    Dispatcher(DeliveryQueue queue, HttpSender sender, DeliveryRecorder recorder, WebhookDeliveryConfig config, Clock clock,
            TransactionSynchronizationRegistry transactions) {
        this.queue = queue;
        this.sender = sender;
        this.recorder = recorder;
        this.config = config;
        this.clock = clock;
        this.transactions = transactions;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.workerThreads(), r -> {
            Thread t = new Thread(r, "webhook-recorder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running = true;
        thread = new Thread(this::run, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            workers.shutdown();
        }
    }

    /** Wakes the dispatcher now (deliveries were queued and committed, a subscription resumed, …). */
    public void wake() {
        signal.release();
    }

    /** Wakes the dispatcher once the current transaction has committed (once per transaction however often called). */
    public void wakeAfterCommit() {
        if (transactions.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    /** A resumed subscription's queued deliveries are due now: claim them once the resume has committed. */
    void onResumed(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubscriptionResumed resumed) {
        wake();
    }

    /** Attempts in flight from this instance (for tests and metrics). */
    public int inFlight() {
        return inFlight.get();
    }

    private void run() {
        while (running) {
            try {
                int claimed = claimRound();
                if (claimed > 0 && inFlight.get() < config.maxInFlight()) {
                    continue; // there may be more due right now
                }
                signal.tryAcquire(waitMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "Claiming deliveries failed; trying again in %s", config.pollInterval());
                sleepQuietly(config.pollInterval());
            }
        }
    }

    private int claimRound() {
        int room = config.maxInFlight() - inFlight.get();
        if (room <= 0) {
            return 0;
        }
        Map<UUID, Integer> busy = new HashMap<>();
        inFlightBySubscription.forEach((id, count) -> {
            if (count.get() > 0) {
                busy.put(id, count.get());
            }
        });
        Instant now = clock.instant();
        earliestRetry.set(Long.MAX_VALUE);
        List<ClaimedDelivery> claimed = queue.claim(room, config.perSubscriptionConcurrency(), busy, now,
                now.plus(config.connectTimeout()).plus(config.timeout()).plus(LEASE_MARGIN));
        for (ClaimedDelivery d : claimed) {
            inFlight.incrementAndGet();
            inFlightBySubscription.computeIfAbsent(d.subscriptionId(), id -> new AtomicInteger()).incrementAndGet();
            attempt(d);
        }
        return claimed.size();
    }

    private void attempt(ClaimedDelivery d) {
        Instant startedAt = clock.instant();
        CompletionStage<Outcome> sent;
        try {
            sent = sender.send(d);
        } catch (RuntimeException e) {
            sent = CompletableFuture.completedFuture(Outcome.failed("could not send: " + e, 0));
        }
        sent.thenAcceptAsync(outcome -> recorder.record(d, startedAt, outcome).nextAttemptAt().ifPresent(this::retryAt), workers)
                .whenComplete((ok, failure) -> {
                    if (failure != null && !(failure.getCause() instanceof DeliveryRecorder.LeaseLost)) {
                        // the lease expires and the delivery is attempted again: at least once
                        LOG.warnf(failure, "Could not record the attempt of delivery %d", d.id());
                    }
                    inFlight.decrementAndGet();
                    inFlightBySubscription.get(d.subscriptionId()).decrementAndGet();
                    wake();
                });
    }

    private void retryAt(Instant at) {
        earliestRetry.accumulateAndGet(at.toEpochMilli(), Math::min);
    }

    private long waitMillis() {
        long poll = config.pollInterval().toMillis();
        long retry = earliestRetry.get();
        if (retry == Long.MAX_VALUE) {
            return poll;
        }
        return Math.max(1, Math.min(poll, retry - clock.millis()));
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
