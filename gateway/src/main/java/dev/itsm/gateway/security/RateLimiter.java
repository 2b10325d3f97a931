package dev.itsm.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.itsm.gateway.GatewayConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One bucket4j token bucket per client (the token subject, or the client address for calls
 * without a valid token): {@code capacity} requests, refilled greedily over {@code period}.
 */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final long capacity;
    private final Duration period;
    private final int maxClients;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(GatewayConfig config) {
        this.enabled = config.rateLimit().enabled();
        this.capacity = config.rateLimit().capacity();
        this.period = config.rateLimit().period();
        this.maxClients = config.rateLimit().maxClients();
    }

    public boolean enabled() {
        return enabled;
    }

    /** Takes one token from {@code client}'s bucket. */
    public Decision consume(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                // forget everybody: a full bucket is the worst a forgotten client can get
                buckets.clear();
            }
            bucket = buckets.computeIfAbsent(client, c -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                    .build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), capacity, probe.getRemainingTokens(),
                ceilSeconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /**
     * The outcome: whether the request may go on, and the numbers for the {@code X-RateLimit-*}
     * headers ({@code resetSeconds}: until the bucket is full again) and {@code Retry-After}.
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }
}
