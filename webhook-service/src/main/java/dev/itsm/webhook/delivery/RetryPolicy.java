package dev.itsm.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential back-off ({@code initial}, doubling up to {@code maxBackoff})
 * with jitter (a random point between 50 % and 100 % of the step, so the deliveries that failed together at a
 * subscriber's outage do not all come back at the same instant), within a total budget counted from the first
 * attempt, after which the delivery is dead. A {@code Retry-After} the subscriber sent (429/503) is honoured: the
 * next attempt is never sooner than it asks nor sooner than our own back-off, and never later than
 * {@code maxBackoff}.
 */
public final class RetryPolicy {

    private final Duration initial;
    private final Duration maxBackoff;
    private final Duration budget;
    private final DoubleSupplier random;

    /** {@code random} yields values in [0, 1) (jitter). */
    public RetryPolicy(Duration initial, Duration maxBackoff, Duration budget, DoubleSupplier random) {
        this.initial = initial;
        this.maxBackoff = maxBackoff;
        this.budget = budget;
        this.random = random;
    }

    /** The un-jittered step after {@code attempts} failed attempts (1 → initial, 2 → 2 × initial, …, ≤ maxBackoff). */
    public Duration step(int attempts) {
        long millis = initial.toMillis();
        for (int i = 1; i < attempts && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** The pause after {@code attempts} failed attempts: between 50 % and 100 % of the step, at least {@code retryAfter}, at most maxBackoff. */
    public Duration delay(int attempts, Optional<Duration> retryAfter) {
        long step = step(attempts).toMillis();
        long jittered = step / 2 + (long) (random.getAsDouble() * (step - step / 2));
        long wanted = Math.max(jittered, retryAfter.map(Duration::toMillis).orElse(0L));
        return Duration.ofMillis(Math.min(wanted, maxBackoff.toMillis()));
    }

    /**
     * The next attempt after a failure at {@code now} ({@code attempts} made so far, the first at {@code firstAttemptAt}),
     * or empty when it would fall after the budget: the delivery is dead.
     */
    public Optional<Instant> nextAttempt(int attempts, Instant firstAttemptAt, Instant now, Optional<Duration> retryAfter) {
        Instant next = now.plus(delay(attempts, retryAfter));
        return next.isAfter(firstAttemptAt.plus(budget)) ? Optional.empty() : Optional.of(next);
    }
}
