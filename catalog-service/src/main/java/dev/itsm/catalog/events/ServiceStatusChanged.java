package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.portfolio.ItService;
import dev.itsm.catalog.portfolio.ServiceStatus;
import dev.itsm.catalog.portfolio.ServiceType;
import dev.itsm.platform.events.DomainEvent;

/** The full service after a lifecycle command, plus the status it left. */
public record ServiceStatusChanged(UUID serviceId, String key, String name, String description, ServiceType type,
        String owner, String utility, WarrantyFacts warranty, ServiceStatus status, ServiceStatus previousStatus,
        List<UUID> dependsOn, Instant occurredAt) implements DomainEvent {

    public static ServiceStatusChanged of(ItService s, ServiceStatus previous, Instant now) {
        return new ServiceStatusChanged(s.id(), s.key(), s.name(), s.description(), s.type(), s.owner(), s.utility(),
                WarrantyFacts.of(s.warranty()), s.status(), previous, s.dependsOn(), now);
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
