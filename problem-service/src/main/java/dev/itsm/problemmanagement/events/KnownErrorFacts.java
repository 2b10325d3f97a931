package dev.itsm.problemmanagement.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A known error as published ({@code knownError} of {@code KnownErrorPublished}/{@code Retired}): what
 * incident-service replicates for intake matching and writes as a work note on the linked incidents.
 */
public record KnownErrorFacts(
        UUID knownErrorId,
        String number,
        String title,
        String symptoms,
        String workaround,
        String rootCause,
        List<UUID> serviceIds,
        List<UUID> ciIds,
        String state,
        int revision,
        Instant publishedAt,
        Instant retiredAt) {
}
