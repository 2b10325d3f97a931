package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.portfolio.ServiceStatus;
import dev.itsm.catalog.portfolio.ServiceType;

/** The full current facts of a service that every {@link ServiceEvent} payload carries (unwrapped). */
public record ServiceFacts(
        UUID serviceId,
        String key,
        String name,
        String description,
        ServiceType type,
        String owner,
        String utility,
        WarrantyFacts warranty,
        ServiceStatus state,
        /** Same as {@code state}: the older name, kept for existing consumers. */
        ServiceStatus status,
        List<UUID> dependsOn,
        Instant occurredAt) {
}
