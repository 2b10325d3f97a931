package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.product.Product;
import dev.itsm.platform.events.DomainEvent;

/**
 * The full product after it was defined or edited, or its last state with {@code deleted = true}.
 * {@code changedFields} names the fields an edit changed (empty when the product was defined or deleted).
 */
public record ProductChanged(UUID productId, String name, String description, List<UUID> serviceIds, boolean deleted,
        List<String> changedFields, Instant occurredAt) implements DomainEvent {

    public static ProductChanged of(Product p, boolean deleted, List<String> changedFields, Instant now) {
        return new ProductChanged(p.id(), p.name(), p.description(), p.serviceIds(), deleted, changedFields, now);
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
