package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

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
        /** Null when ordering it costs nothing. */
        CostFacts cost,
        /** The request form (JSON Schema 2020-12) for the requester's answers; null when it asks nothing. */
        JsonNode requestForm,
        Instant publishedAt,
        Instant withdrawnAt,
        Instant occurredAt) {
}
