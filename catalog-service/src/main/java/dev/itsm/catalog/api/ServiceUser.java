package dev.itsm.catalog.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ServiceUser", description = "A product or offering that still uses a service")
public record ServiceUser(
        @Schema(enumeration = { "PRODUCT", "OFFERING" }) String type,
        UUID id, String name,
        @Schema(description = "Offering status (null for products)") String status) {
}
