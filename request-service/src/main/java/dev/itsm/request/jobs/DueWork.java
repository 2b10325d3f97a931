package dev.itsm.request.jobs;

import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Runs one kind of due work in batches, each batch its own transaction (the service method's), until a batch comes
 * back short: then nothing more is due that another caller has not locked (FOR UPDATE SKIP LOCKED), and that caller
 * finishes it. Small transactions keep locks and the outbox burst short when a backlog built up (a restart after a
 * long outage).
 */
final class DueWork {

    private DueWork() {
    }

    /**
     * At most this many batches per run: a row that stayed due after its batch (a bug, not a backlog) cannot keep
     * a run going forever; the next run goes on.
     */
    static final int MAX_BATCHES = 1000;

    /** Total handled; {@code batch} = (now, limit) → handled in that batch. */
    static int drain(Instant now, int batchSize, BiFunction<Instant, Integer, Integer> batch) {
        int total = 0;
        int handled;
        int batches = 0;
        do {
            handled = batch.apply(now, batchSize);
            total += handled;
        } while (handled >= batchSize && ++batches < MAX_BATCHES);
        return total;
    }
}
