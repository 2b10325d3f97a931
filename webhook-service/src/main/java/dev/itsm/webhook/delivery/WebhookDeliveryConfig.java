package dev.itsm.webhook.delivery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How deliveries are sent and retried (prefix {@code webhook.delivery}). */
@ConfigMapping(prefix = "webhook.delivery")
public interface WebhookDeliveryConfig {

    /** Whether this instance runs the dispatcher (several may: deliveries are claimed with SKIP LOCKED). */
    @WithDefault("true")
    boolean enabled();

    /** First back-off after a failed attempt; doubles per attempt up to {@link #maxBackoff()}. */
    @WithDefault("5s")
    Duration initial();

    /** Longest back-off, and the cap on a subscriber's {@code Retry-After}. */
    @WithDefault("1h")
    Duration maxBackoff();

    /** How long a delivery is retried, from its first attempt; then it is DEAD (and {@code WebhookDeliveryFailed} is published). */
    @WithDefault("24h")
    Duration retryBudget();

    /** How long to wait for the TCP (and TLS) connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long to wait for the whole response after connecting. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Fallback poll of the delivery queue: deliveries queued by another instance, retries that fell due. Intake in
     * this instance wakes the dispatcher at once.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Attempts in flight at once to one subscription (across its subjects); one subject is always one at a time. */
    @WithDefault("4")
    int perSubscriptionConcurrency();

    /** Attempts in flight at once from this instance, over all subscriptions. */
    @WithDefault("64")
    int maxInFlight();

    /** Threads that resolve target names and record outcomes (the HTTP exchange itself is non-blocking). */
    @WithDefault("8")
    int workerThreads();

    /** Final deliveries (DELIVERED, DEAD) and their attempts are kept this long in the delivery log. */
    @WithDefault("7d")
    Duration logRetention();

    /** How often old deliveries and events are removed. */
    @WithDefault("1h")
    Duration cleanupInterval();
}
