package dev.itsm.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.support.Http;

import dev.itsm.catalog.portfolio.ItService;
import dev.itsm.catalog.portfolio.ServiceStatus;
import dev.itsm.catalog.portfolio.ServiceType;

@Schema(name = "ServiceView", description = "A service of the portfolio")
public record ServiceView(UUID id, String key, String name, String description, ServiceType type, String owner,
        String utility, WarrantyDto warranty,
        @Schema(description = "Lifecycle: PIPELINE → LIVE → RETIRED") ServiceStatus state,
        @Schema(deprecated = true, description = "Same as state; kept for existing clients") ServiceStatus status,
        List<UUID> dependsOn, Instant createdAt, Instant updatedAt, long version) implements Http.Versioned {

    public static ServiceView of(ItService s) {
        return new ServiceView(s.id(), s.key(), s.name(), s.description(), s.type(), s.owner(), s.utility(),
                WarrantyDto.of(s.warranty()), s.status(), s.status(), s.dependsOn(), s.createdAt(), s.updatedAt(), s.version());
    }
}
