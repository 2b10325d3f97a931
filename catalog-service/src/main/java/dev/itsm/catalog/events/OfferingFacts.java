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
        OfferingStatus status,
        List<UUID> serviceIds,
        List<ComponentFacts> components,
        Instant occurredAt) {
}
