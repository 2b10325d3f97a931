package dev.itsm.catalog.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a product PATCH as a client sees it (JSON merge patch, RFC 7396). The server merges it
 * onto {@link ProductRequest} and validates the result with that record's rules.
 */
@Schema(name = "ProductPatch", description = "JSON merge patch of a product: absent fields stay unchanged, null clears an "
        + "optional field, serviceIds replaces the whole list.")
public record ProductPatch(
        @Schema(example = "Lightsail Pro") String name,
        @Schema(nullable = true) String description,
        @Schema(nullable = true, description = "Ids of the services it combines (not RETIRED)") List<UUID> serviceIds) {
}
