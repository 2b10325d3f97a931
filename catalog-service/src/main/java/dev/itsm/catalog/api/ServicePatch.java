package dev.itsm.catalog.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.portfolio.ServiceType;

/**
 * The body of a service PATCH as a client sees it (JSON merge patch, RFC 7396): every field optional,
 * {@code null} clears an optional one. The server merges it onto {@link ServiceRequest} and validates
 * the result with that record's rules; this record only documents the body, so a generated client
 * sends just the fields it sets.
 */
@Schema(name = "ServicePatch", description = "JSON merge patch of a service: absent fields stay unchanged, null clears an "
        + "optional field. key cannot change; the lifecycle changes through go-live and retire.")
public record ServicePatch(
        @Schema(example = "Corporate e-mail") String name,
        @Schema(nullable = true) String description,
        ServiceType type,
        @Schema(description = "Owning team", example = "collaboration-team") String owner,
        @Schema(nullable = true, description = "Utility: what the service does (fit for purpose)") String utility,
        @Schema(nullable = true, description = "Merged member by member; null removes the warranty") WarrantyDto warranty,
        @Schema(nullable = true, description = "Replaces the whole list of services this one depends on (no cycles)") List<UUID> dependsOn) {
}
