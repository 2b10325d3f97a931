package dev.itsm.request.catalog;

import java.time.Instant;

/**
 * Whether an event is older than the replica row it would overwrite. The catalogue's version decides when both
 * sides have one (two edits within the same millisecond stay ordered); otherwise occurredAt does. An event equal to
 * the row is applied again: it carries the same facts (e.g. OfferingChanged and OfferingPublished of one publish).
 */
final class Freshness {

    private Freshness() {
    }

    static boolean isStale(Long rowVersion, Instant rowOccurredAt, Long eventVersion, Instant eventOccurredAt) {
        if (rowOccurredAt == null) {
            return false; // a new row
        }
        if (rowVersion != null && eventVersion != null) {
            return eventVersion < rowVersion;
        }
        return eventOccurredAt.isBefore(rowOccurredAt);
    }
}
