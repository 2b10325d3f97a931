package dev.itsm.monitoring.pipeline;

import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The intake goes first: while webhooks keep arriving, the processor pauses after each batch for
 * {@code monitoring.processing.intake-first} times the batch's duration (1.0: processing takes at most half of its
 * time), so that a storm is absorbed by the durable queue instead of slowing the API. On a machine the whole suite
 * shares, processing is what loads it — this service's batches and everything their events cause downstream (the
 * database, incident-, change- and webhook-service) — and an intake starved of CPU answers late, then times out at
 * the gateway, and Alertmanager sends the same webhooks again. The price is processing lag during the storm, shown by
 * the queue's depth and age ({@code GET /api/v1/monitoring/admin/intake}, metrics); without webhooks it runs flat out.
 */
@ApplicationScoped
public class IntakeFirst {

    /** Webhooks are "arriving" while the last one came at most this long ago. */
    static final long ARRIVING_NANOS = 100_000_000L;

    private final double share;
    /** nanoTime of the latest webhook accepted, or 0 before the first one. */
    private final AtomicLong lastIntake = new AtomicLong();

    @Inject
    IntakeFirst(@ConfigProperty(name = "monitoring.processing.intake-first", defaultValue = "1.0") double share) {
        if (share < 0 || Double.isNaN(share) || Double.isInfinite(share)) {
            throw new IllegalArgumentException("monitoring.processing.intake-first must be 0 or more: " + share);
        }
        this.share = share;
    }

    /** The intake is taking a webhook now. */
    public void intake() {
        intakeAt(System.nanoTime());
    }

    void intakeAt(long nanoTime) {
        lastIntake.set(nanoTime == 0 ? 1 : nanoTime);
    }

    /** How long to pause after a batch that took {@code batchNanos}, at {@code nowNanos}: 0 when no webhook is arriving. */
    long pauseAfter(long batchNanos, long nowNanos) {
        long last = lastIntake.get();
        boolean arriving = last != 0 && nowNanos - last <= ARRIVING_NANOS;
        return arriving ? (long) (batchNanos * share) : 0;
    }

    /** Pauses after a batch that took {@code batchNanos} if webhooks are arriving. */
    void afterBatch(long batchNanos) throws InterruptedException {
        long pause = pauseAfter(batchNanos, System.nanoTime());
        if (pause > 0) {
            Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
        }
    }
}
