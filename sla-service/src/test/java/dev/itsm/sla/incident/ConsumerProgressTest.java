package dev.itsm.sla.incident;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * When the scheduler may go by the clock instead of the incident stream's watermark. What "applied everything"
 * means against a real broker is the platform's ConsumerGroupProgressTest.
 */
class ConsumerProgressTest {

    final AtomicBoolean applied = new AtomicBoolean();
    final AtomicInteger blocked = new AtomicInteger();
    final ConsumerProgress progress = new ConsumerProgress(applied::get, blocked::get);

    @Test
    void caughtUpOnlyWithEverythingAppliedAndNothingBlocked() {
        assertFalse(progress.caughtUp(), "records on the topic not applied yet");
        applied.set(true);
        assertTrue(progress.caughtUp(), "every record applied");
        blocked.set(1);
        assertFalse(progress.caughtUp(), "a partition held on a failing record");
        assertTrue(progress.blocked());
    }
}
