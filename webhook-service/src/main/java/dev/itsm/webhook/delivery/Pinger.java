package dev.itsm.webhook.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pings a subscription now, synchronously: a {@code dev.itsm.webhook.Ping} CloudEvent, signed like any delivery,
 * logged as a delivery with reason PING. A ping is never retried and its answer changes nothing (a 410 to a ping
 * does not disable the subscription: only a real delivery's does). No transaction is open while it waits.
 */
@ApplicationScoped
public class Pinger {

    private final DeliveryService deliveries;
    private final HttpSender sender;
    private final DeliveryRecorder recorder;
    private final WebhookDeliveryConfig config;
    private final Clock clock;

    Pinger(DeliveryService deliveries, HttpSender sender, DeliveryRecorder recorder, WebhookDeliveryConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.recorder = recorder;
        this.config = config;
        this.clock = clock;
    }

    public PingResult ping(UUID subscriptionId) {
        ClaimedDelivery d = deliveries.startPing(subscriptionId);
        Instant startedAt = clock.instant();
        Outcome outcome;
        try {
            // the sender enforces the timeouts; this bound only guards against a lost completion
            outcome = sender.send(d).toCompletableFuture()
                    .get(config.connectTimeout().plus(config.timeout()).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.failed("interrupted", 0);
        } catch (ExecutionException | TimeoutException e) {
            outcome = Outcome.failed("ping did not complete: " + e, 0);
        }
        recorder.record(d, startedAt, outcome);
        return new PingResult(outcome.status(), outcome.durationMs(), outcome.describe(), d.id());
    }
}
