package dev.itsm.request.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches until one comes back short, all at the same instant; bounded when something stays due. */
class DueWorkTest {

    @Test
    void drainsABacklogInBatchesUntilOneIsShort() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        int[] backlog = {7};
        List<Integer> limits = new ArrayList<>();
        int total = DueWork.drain(now, 3, (at, limit) -> {
            assertEquals(now, at);
            limits.add(limit);
            int taken = Math.min(limit, backlog[0]);
            backlog[0] -= taken;
            return taken;
        });
        assertEquals(7, total);
        assertEquals(List.of(3, 3, 3), limits, "3 + 3 + 1: the short batch ends the run");
    }

    @Test
    void anExactMultipleNeedsOneEmptyBatchToKnow() {
        int[] backlog = {4};
        int[] calls = {0};
        assertEquals(4, DueWork.drain(Instant.EPOCH, 2, (at, limit) -> {
            calls[0]++;
            int taken = Math.min(limit, backlog[0]);
            backlog[0] -= taken;
            return taken;
        }));
        assertEquals(3, calls[0]);
    }

    @Test
    void aRowThatStaysDueCannotKeepARunGoingForever() {
        int[] calls = {0};
        DueWork.drain(Instant.EPOCH, 1, (at, limit) -> {
            calls[0]++;
            return 1;
        });
        assertEquals(DueWork.MAX_BATCHES, calls[0]);
    }
}
