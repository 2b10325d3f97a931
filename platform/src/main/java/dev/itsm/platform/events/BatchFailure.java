package dev.itsm.platform.events;

/**
 * A batch transaction that failed and was rolled back, naming the event whose handlers failed
 * ({@link #index()} in the batch) so the consumer can isolate that record and apply the others
 * together again; -1 when no single event is to blame.
 */
final class BatchFailure extends RuntimeException {

    private final int index;

    BatchFailure(int index, RuntimeException cause) {
        super("batch failed at event " + index + ": " + cause, cause, false, false);
        this.index = index;
    }

    int index() {
        return index;
    }

    /** What the handlers (or the inbox) threw. */
    RuntimeException failure() {
        return (RuntimeException) getCause();
    }
}
