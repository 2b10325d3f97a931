package dev.itsm.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock every service runs on in tests: the real UTC clock (microsecond ticks, like
 * production) plus an offset a test can move. It replaces the platform's default {@code Clock}
 * bean through {@link TestClockProducer}, so a test that needs time to pass — an SLA target, an
 * auto-close window — moves this clock instead of waiting.
 * <p>
 * One instance per JVM: Quarkus may load this class once per application start, so the offset
 * lives in a JVM-wide system property, like the shared servers' facts in {@link TestInfrastructure}.
 */
public final class TestClock extends Clock {

    private static final String OFFSET = "dev.itsm.testing.clock-offset-micros";
    private static final Clock BASE = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    public static final TestClock INSTANCE = new TestClock();

    private TestClock() {
    }

    /** Moves the clock forward by {@code amount} (for every service bean using it, at once). */
    public synchronized void advance(Duration amount) {
        System.setProperty(OFFSET, Long.toString(offsetMicros() + amount.toNanos() / 1_000));
    }

    /** Back to real time. */
    public synchronized void reset() {
        System.clearProperty(OFFSET);
    }

    /** How far ahead of real time the clock is. */
    public Duration offset() {
        return Duration.ofNanos(offsetMicros() * 1_000);
    }

    private static long offsetMicros() {
        String v = System.getProperty(OFFSET);
        return v == null ? 0 : Long.parseLong(v);
    }

    @Override
    public Instant instant() {
        return BASE.instant().plusNanos(offsetMicros() * 1_000);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same movable instant seen from another zone (e.g. for {@code LocalDate.now(clock.withZone(...))}). */
    @Override
    public Clock withZone(ZoneId zone) {
        return ZoneOffset.UTC.equals(zone) ? this : new Zoned(zone);
    }

    private static final class Zoned extends Clock {

        private final ZoneId zone;

        Zoned(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return INSTANCE.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return INSTANCE.withZone(other);
        }
    }
}
