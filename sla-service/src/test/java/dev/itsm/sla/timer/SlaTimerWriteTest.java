package dev.itsm.sla.timer;

import static dev.itsm.sla.timer.SlaTimerTest.OFFICE;
import static dev.itsm.sla.timer.SlaTimerTest.berlin;
import static dev.itsm.sla.timer.SlaTimerTest.h;
import static dev.itsm.sla.timer.SlaTimerTest.timer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * {@code updatedAt} (the changes feed's order) is the write time of every change and only of a change:
 * a timer evaluated with nothing due keeps it, every command and every announcement moves it (pure, no database).
 */
class SlaTimerWriteTest {

    static final Instant WRITTEN = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aNewTimerTakesTheWriteTimeAndAnEvaluationWithNothingDueLeavesIt() {
        SlaTimer t = timer(h(8), berlin("2026-11-30T09:00:00"));
        t.recordWrite(WRITTEN);
        assertEquals(WRITTEN, t.updatedAt());
        t.evaluate(OFFICE, berlin("2026-11-30T10:00:00")); // 1 h of 8: no warning due yet
        t.recordWrite(WRITTEN.plusSeconds(60));
        assertEquals(WRITTEN, t.updatedAt(), "nothing changed, nothing written");
    }

    @Test
    void everyCommandAndEveryAnnouncementMovesIt() {
        SlaTimer t = timer(h(8), berlin("2026-11-30T09:00:00"));
        t.recordWrite(WRITTEN);
        Instant at = WRITTEN;
        t.evaluate(OFFICE, berlin("2026-11-30T13:30:00")); // past 50 %: a warning
        t.recordWrite(at = at.plusSeconds(1));
        assertEquals(at, t.updatedAt(), "warning");
        t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-11-30T14:00:00"));
        t.recordWrite(at = at.plusSeconds(1));
        assertEquals(at, t.updatedAt(), "pause");
        t.resume(OFFICE, berlin("2026-11-30T15:00:00"));
        t.recordWrite(at = at.plusSeconds(1));
        assertEquals(at, t.updatedAt(), "resume");
        t.retarget("P2", h(16), OFFICE, berlin("2026-11-30T15:30:00"));
        t.recordWrite(at = at.plusSeconds(1));
        assertEquals(at, t.updatedAt(), "retarget");
        t.stop(OFFICE, berlin("2026-11-30T16:00:00"));
        t.recordWrite(at = at.plusSeconds(1));
        assertEquals(at, t.updatedAt(), "stop");
        t.reopen(OFFICE, berlin("2026-12-01T09:00:00"));
        t.recordWrite(at = at.plusSeconds(1));
        assertEquals(at, t.updatedAt(), "reopen");
        t.cancel(OFFICE, berlin("2026-12-01T10:00:00"));
        t.recordWrite(at = at.plusSeconds(1));
        assertEquals(at, t.updatedAt(), "cancel");
    }
}
