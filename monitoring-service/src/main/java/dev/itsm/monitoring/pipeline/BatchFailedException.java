package dev.itsm.monitoring.pipeline;

import java.util.List;

/** A processing batch failed and rolled back; {@code seqs} are the queue entries it had claimed (back in the queue). */
public class BatchFailedException extends RuntimeException {

    private final List<Long> seqs;

    BatchFailedException(List<Long> seqs, RuntimeException cause) {
        super("processing batch of " + seqs.size() + " intake entries failed: " + cause.getMessage(), cause);
        this.seqs = List.copyOf(seqs);
    }

    public List<Long> seqs() {
        return seqs;
    }
}
