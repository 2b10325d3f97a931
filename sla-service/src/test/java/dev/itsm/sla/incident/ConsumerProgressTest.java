package dev.itsm.sla.incident;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.TestClock;

/** When the scheduler may go by the clock instead of the incident stream's watermark. */
class ConsumerProgressTest {

    static final TestClock CLOCK = TestClock.INSTANCE;

    final AtomicLong lag = new AtomicLong();
    final AtomicInteger blocked = new AtomicInteger();
    final ConsumerProgress progress = new ConsumerProgress(lag::get, blocked::get, CLOCK, Duration.ofSeconds(2));

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    @Test
    void caughtUpOnlyWithNoLagNothingBlockedAndNoEventAppliedLately() {
        assertTrue(progress.caughtUp(), "an idle consumer with nothing to read");
        lag.set(3);
        assertFalse(progress.caughtUp(), "records left to read");
        lag.set(0);
        blocked.set(1);
        assertFalse(progress.caughtUp(), "a partition held on a failing record");
        assertTrue(progress.blocked());
        blocked.set(0);

        // the lag is measured after a poll: a fetched batch still being applied reads as lag 0
        progress.handling();
        assertFalse(progress.caughtUp(), "events are being applied");
        CLOCK.advance(Duration.ofMillis(1999));
        assertFalse(progress.caughtUp());
        CLOCK.advance(Duration.ofMillis(1));
        assertTrue(progress.caughtUp(), "idle for the settle time");

        CLOCK.advance(Duration.ofDays(1));
        progress.handling();
        CLOCK.reset(); // set back a day: the quiet time counts from now, not from tomorrow
        assertFalse(progress.caughtUp());
        CLOCK.advance(Duration.ofSeconds(2));
        assertTrue(progress.caughtUp());
    }
}
