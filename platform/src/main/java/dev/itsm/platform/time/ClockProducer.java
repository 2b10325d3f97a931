package dev.itsm.platform.time;

import java.time.Clock;
import java.time.Duration;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every service's clock: UTC, ticking in microseconds — the precision PostgreSQL stores — so an
 * instant published in an event (e.g. {@code openedAt}) is the same before and after it was saved.
 * Domain code takes time from this injected {@link Clock}, never from {@code Instant.now()}, so
 * tests can move it (the test kit's {@code TestClock} replaces this default bean).
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
