package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.product.Product;
import dev.itsm.platform.events.DomainEvent;

/** The full product after it was defined or edited, or its last state with {@code deleted = true}. */
public record ProductChanged(UUID productId, String name, String description, List<UUID> serviceIds, boolean deleted,
        Instant occurredAt) implements DomainEvent {

    public static ProductChanged of(Product p, boolean deleted, Instant now) {
        return new ProductChanged(p.id(), p.name(), p.description(), p.serviceIds(), deleted, now);
    }

    @Override
    public String aggregateId() {
        return productId.toString();
    }

    @Override
    public String aggregateType() {
        return "Product";
    }
}
