package dev.itsm.catalog.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.support.Http;

import dev.itsm.catalog.ci.CiStatus;
import dev.itsm.catalog.ci.ConfigurationItem;

@Schema(name = "ConfigurationItemView", description = "A configuration item")
public record CiView(UUID id, String name, String ciClass, String environment,
        @Schema(description = "Operational state") CiStatus state,
        @Schema(deprecated = true, description = "Same as state; kept for existing clients") CiStatus status,
        Map<String, Object> attributes, Instant createdAt, Instant updatedAt, long version) implements Http.Versioned {

    public static CiView of(ConfigurationItem ci) {
        return new CiView(ci.id(), ci.name(), ci.ciClass(), ci.environment(), ci.status(), ci.status(), ci.attributes(),
                ci.createdAt(), ci.updatedAt(), ci.version());
    }
}
