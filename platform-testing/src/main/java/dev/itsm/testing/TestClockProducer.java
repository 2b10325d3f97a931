package dev.itsm.testing;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/**
 * In a {@code @QuarkusTest} (the test kit is on the class path, indexed), services get
 * {@link TestClock#INSTANCE} instead of the platform's default clock, which is a
 * {@code @DefaultBean} and steps aside.
 */
@ApplicationScoped
public class TestClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return TestClock.INSTANCE;
    }

    /** For tests that move it: {@code @Inject TestClock clock}. */
    @Produces
    @Singleton
    @Typed(TestClock.class)
    TestClock testClock() {
        return TestClock.INSTANCE;
    }
}
