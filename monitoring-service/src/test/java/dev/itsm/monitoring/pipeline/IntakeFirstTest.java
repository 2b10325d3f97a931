package dev.itsm.monitoring.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The processor gives way to the intake only while webhooks arrive, for its share of the batch's duration. */
class IntakeFirstTest {

    private static final long MS = 1_000_000L;

    @Test
    void pausesForTheShareOfTheBatchWhileWebhooksArriveAndNotOtherwise() {
        IntakeFirst first = new IntakeFirst(1.0);
        long now = 5_000 * MS;
        assertEquals(0, first.pauseAfter(200 * MS, now), "no webhook yet");
        first.intakeAt(now - 40 * MS);
        assertEquals(200 * MS, first.pauseAfter(200 * MS, now), "a webhook 40 ms ago: as long as the batch took");
        assertEquals(0, first.pauseAfter(200 * MS, now + 61 * MS), "the last webhook 101 ms ago: the storm is over");
        IntakeFirst third = new IntakeFirst(0.5);
        third.intakeAt(now);
        assertEquals(100 * MS, third.pauseAfter(200 * MS, now));
    }

    @Test
    void zeroNeverPausesAndANegativeShareIsRefusedAtStartUp() {
        IntakeFirst off = new IntakeFirst(0);
        off.intakeAt(1);
        assertEquals(0, off.pauseAfter(200 * MS, 2));
        assertThrows(IllegalArgumentException.class, () -> new IntakeFirst(-1));
        assertThrows(IllegalArgumentException.class, () -> new IntakeFirst(Double.NaN));
    }
}
