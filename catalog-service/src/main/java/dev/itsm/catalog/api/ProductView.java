package dev.itsm.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.support.Http;

import dev.itsm.catalog.product.Product;

@Schema(name = "ProductView", description = "A product: services combined into something that can be offered")
public record ProductView(UUID id, String name, String description, List<UUID> serviceIds, Instant createdAt,
        Instant updatedAt, long version) implements Http.Versioned {

    public static ProductView of(Product p) {
        return new ProductView(p.id(), p.name(), p.description(), p.serviceIds(), p.createdAt(), p.updatedAt(), p.version());
    }
}
