package dev.itsm.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    long now;
    CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), () -> now);

    @Test
    void staysClosedBelowTheThresholdAndASuccessResetsTheCount() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void opensAfterConsecutiveFailuresAndRefusesCallsUntilOpenForHasPassed() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        assertEquals(10, breaker.secondsUntilHalfOpen());
        now += Duration.ofSeconds(4).toNanos();
        assertFalse(breaker.tryAcquire());
        assertEquals(6, breaker.secondsUntilHalfOpen());
    }

    @Test
    void halfOpenLetsExactlyOneTrialThroughAndItsSuccessCloses() {
        open();
        now += Duration.ofSeconds(10).toNanos();
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertTrue(breaker.tryAcquire());
        assertFalse(breaker.tryAcquire(), "only one trial at a time");
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aFailedTrialOpensTheCircuitAgainForAnotherPeriod() {
        open();
        now += Duration.ofSeconds(10).toNanos();
        assertTrue(breaker.tryAcquire());
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        now += Duration.ofSeconds(10).toNanos();
        assertTrue(breaker.tryAcquire());
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
    }
}
