package dev.itsm.incident;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's clock: UTC, ticking in microseconds — the precision PostgreSQL stores — so an instant
 * published in an event (e.g. {@code openedAt}) is the same before and after it was saved.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
