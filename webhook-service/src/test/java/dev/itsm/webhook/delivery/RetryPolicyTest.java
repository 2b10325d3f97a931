package dev.itsm.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Duration INITIAL = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofHours(1);
    private static final Duration BUDGET = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static RetryPolicy withRandom(double r) {
        return new RetryPolicy(INITIAL, MAX, BUDGET, () -> r);
    }

    @Test
    void stepsDoubleFromTheInitialBackoffUpToTheMaximum() {
        RetryPolicy p = withRandom(0.99);
        assertEquals(Duration.ofSeconds(5), p.step(1));
        assertEquals(Duration.ofSeconds(10), p.step(2));
        assertEquals(Duration.ofSeconds(20), p.step(3));
        assertEquals(Duration.ofSeconds(2560), p.step(10));
        assertEquals(MAX, p.step(11));
        assertEquals(MAX, p.step(500));
    }

    @Test
    void jitterKeepsTheDelayBetweenHalfAndAllOfTheStep() {
        assertEquals(Duration.ofMillis(5000), withRandom(0.0).delay(2, Optional.empty()));
        assertEquals(Duration.ofMillis(7500), withRandom(0.5).delay(2, Optional.empty()));
        Duration almostAll = withRandom(0.999999).delay(2, Optional.empty());
        assertTrue(almostAll.toMillis() >= 9990 && almostAll.toMillis() <= 10000, almostAll.toString());
    }

    @Test
    void retryAfterIsHonouredButCappedAtTheMaximumBackoff() {
        assertEquals(Duration.ofSeconds(120), withRandom(0.0).delay(1, Optional.of(Duration.ofSeconds(120))));
        assertEquals(MAX, withRandom(0.0).delay(1, Optional.of(Duration.ofHours(5))));
        // a Retry-After sooner than our own back-off does not make us come back sooner
        assertEquals(Duration.ofMillis(2500), withRandom(0.0).delay(1, Optional.of(Duration.ofSeconds(1))));
    }

    @Test
    void theDeliveryDiesWhenTheNextAttemptWouldFallAfterTheBudget() {
        RetryPolicy p = withRandom(0.0);
        assertEquals(Optional.of(T0.plusMillis(62_500)), p.nextAttempt(1, T0, T0.plusSeconds(60), Optional.empty()));
        Instant late = T0.plus(BUDGET).minus(Duration.ofMinutes(10));
        assertEquals(Optional.empty(), p.nextAttempt(20, T0, late, Optional.empty()));
        assertEquals(Optional.of(late.plus(Duration.ofMinutes(5))), p.nextAttempt(1, T0, late, Optional.of(Duration.ofMinutes(5))));
    }
}
