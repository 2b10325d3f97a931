package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.portfolio.ItService;
import dev.itsm.catalog.portfolio.ServiceStatus;
import dev.itsm.catalog.portfolio.ServiceType;
import dev.itsm.platform.events.DomainEvent;

/** The full service after the change (a replica can be kept from these events alone). */
public record ServiceUpdated(UUID serviceId, String key, String name, String description, ServiceType type, String owner,
        String utility, WarrantyFacts warranty, ServiceStatus status, List<UUID> dependsOn, Instant occurredAt)
        implements DomainEvent {

    public static ServiceUpdated of(ItService s, Instant now) {
        return new ServiceUpdated(s.id(), s.key(), s.name(), s.description(), s.type(), s.owner(), s.utility(),
                WarrantyFacts.of(s.warranty()), s.status(), s.dependsOn(), now);
    }

    @Override
    public String aggregateId() {
        return serviceId.toString();
    }

    @Override
    public String aggregateType() {
        return "Service";
    }
}
