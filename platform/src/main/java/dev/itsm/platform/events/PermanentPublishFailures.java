package dev.itsm.platform.events;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells a publish failure that belongs to the row itself, so sending it again can never succeed (a
 * record larger than {@code max.request.size} or the broker's limit, a record the broker calls
 * invalid, a serialization error), from one that belongs to the broker or the network (unreachable,
 * timed out, not enough replicas, not authorised yet), which passes and is retried. The relay parks
 * the first kind instead of retrying it for ever in front of every later row.
 */
final class PermanentPublishFailures {

    private PermanentPublishFailures() {
    }

    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidRecordException || t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }
}
