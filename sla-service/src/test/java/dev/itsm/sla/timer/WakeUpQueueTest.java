package dev.itsm.sla.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class WakeUpQueueTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration HORIZON = Duration.ofMinutes(2);

    static WakeUpQueue loaded(int capacity) {
        WakeUpQueue q = new WakeUpQueue(capacity);
        q.load(List.of(), T0.plus(HORIZON), capacity);
        return q;
    }

    static NextCheck check(UUID id, long secondsFromT0, long version) {
        return new NextCheck(id, T0.plusSeconds(secondsFromT0), version);
    }

    @Test
    void theHeadIsTheEarliestNextCheck() {
        WakeUpQueue q = loaded(10);
        q.apply(check(UUID.randomUUID(), 30, 1));
        q.apply(check(UUID.randomUUID(), 10, 1));
        q.apply(check(UUID.randomUUID(), 20, 1));
        assertEquals(T0.plusSeconds(10), q.head());
        assertEquals(2, q.takeDue(T0.plusSeconds(20)).size(), "due at or before the instant");
        assertEquals(T0.plusSeconds(30), q.head());
    }

    @Test
    void aNewerVersionMovesTheWakeUpAndAnOlderOneIsIgnored() {
        WakeUpQueue q = loaded(10);
        UUID id = UUID.randomUUID();
        q.apply(check(id, 90, 1));
        q.apply(check(id, 30, 2)); // retargeted to a shorter target
        assertEquals(T0.plusSeconds(30), q.head());
        assertEquals(1, q.size(), "one entry per timer");
        q.apply(check(id, 90, 1)); // a load that read the row before the retarget committed
        assertEquals(T0.plusSeconds(30), q.head());
    }

    @Test
    void aTimerWithNothingLeftToCheckLeavesTheQueue() {
        WakeUpQueue q = loaded(10);
        UUID id = UUID.randomUUID();
        q.apply(check(id, 30, 1));
        q.apply(new NextCheck(id, null, 2)); // paused
        assertNull(q.head());
        assertEquals(0, q.size());
    }

    @Test
    void nextChecksBeyondTheLoadedWindowAreLeftToTheNextLoad() {
        WakeUpQueue q = loaded(10);
        q.apply(check(UUID.randomUUID(), HORIZON.toSeconds() + 1, 1));
        assertEquals(0, q.size());
        assertFalse(q.needsLoad(T0, HORIZON));
        assertTrue(q.needsLoad(T0.plus(HORIZON.dividedBy(2)), HORIZON), "reloaded when half the window has passed");
    }

    @Test
    void aFullQueueKeepsTheEarliestAndLowersItsBound() {
        WakeUpQueue q = loaded(3);
        for (int s = 10; s <= 50; s += 10) {
            q.apply(check(UUID.randomUUID(), s, 1));
        }
        assertEquals(3, q.size());
        assertTrue(q.loadedUpTo().isBefore(T0.plusSeconds(40)), "the evicted entries are no longer promised");
        q.apply(check(UUID.randomUUID(), 45, 1));
        assertEquals(3, q.size(), "beyond the lowered bound: left to the next load");
        assertFalse(q.needsLoad(T0, HORIZON));
        q.takeDue(T0.plusSeconds(20));
        assertTrue(q.needsLoad(T0, HORIZON), "half of a cut load consumed");
    }

    @Test
    void aLoadCutByTheCapacityPromisesOnlyWhatItRead() {
        WakeUpQueue q = new WakeUpQueue(2);
        q.load(List.of(check(UUID.randomUUID(), 10, 1), check(UUID.randomUUID(), 20, 1)), T0.plus(HORIZON), 2);
        assertTrue(q.loadedUpTo().isBefore(T0.plusSeconds(20)));
        assertEquals(2, q.size(), "an entry at the last instant read may have company in the database: kept, not promised");
    }
}
