package dev.itsm.catalog.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.offering.OfferingStatus;

@Schema(name = "ServiceUser", description = "A product or offering that still uses a service")
public record ServiceUser(
        @Schema(enumeration = { "PRODUCT", "OFFERING" }) String type,
        UUID id, String name,
        @Schema(nullable = true, description = "Offering state (null for products)") OfferingStatus state,
        @Schema(nullable = true, deprecated = true, description = "Same as state; kept for existing clients") OfferingStatus status) {

    public static ServiceUser product(UUID id, String name) {
        return new ServiceUser("PRODUCT", id, name, null, null);
    }

    public static ServiceUser offering(UUID id, String name, OfferingStatus state) {
        return new ServiceUser("OFFERING", id, name, state, state);
    }
}
