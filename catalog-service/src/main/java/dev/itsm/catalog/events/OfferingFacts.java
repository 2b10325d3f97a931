package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.offering.OfferingStatus;

/** The full current facts of an offering that every {@link OfferingEvent} payload carries (unwrapped). */
public record OfferingFacts(
        UUID offeringId,
        String name,
        String description,
        String targetConsumerGroup,
        OfferingStatus state,
        /** Same as {@code state}: the older name, kept for existing consumers. */
        OfferingStatus status,
        List<UUID> serviceIds,
        List<ComponentFacts> components,
        Instant publishedAt,
        Instant withdrawnAt,
        Instant occurredAt) {
}
