package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.offering.Offering;
import dev.itsm.catalog.offering.OfferingStatus;
import dev.itsm.platform.events.DomainEvent;

/** The offering is (re)published in the catalogue for its target consumer group: its full content. */
public record OfferingPublished(UUID offeringId, String name, String description, String targetConsumerGroup,
        OfferingStatus status, List<UUID> serviceIds, List<ComponentFacts> components, Instant occurredAt)
        implements DomainEvent {

    public static OfferingPublished of(Offering o, Instant now) {
        return new OfferingPublished(o.id(), o.name(), o.description(), o.targetConsumerGroup(), o.status(), o.serviceIds(),
                ComponentFacts.of(o.components()), now);
    }

    @Override
    public String aggregateId() {
        return offeringId.toString();
    }

    @Override
    public String aggregateType() {
        return "Offering";
    }
}
