package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.itsm.catalog.ci.CiStatus;
import dev.itsm.catalog.ci.ConfigurationItem;
import dev.itsm.platform.events.DomainEvent;

/** The full CI after it was registered or edited, or its last state with {@code deleted = true}. */
public record ConfigurationItemChanged(UUID ciId, String name, String ciClass, String environment, CiStatus status,
        Map<String, Object> attributes, boolean deleted, Instant occurredAt) implements DomainEvent {

    public static ConfigurationItemChanged of(ConfigurationItem ci, boolean deleted, Instant now) {
        return new ConfigurationItemChanged(ci.id(), ci.name(), ci.ciClass(), ci.environment(), ci.status(),
                ci.attributes(), deleted, now);
    }

    @Override
    public String aggregateId() {
        return ciId.toString();
    }

    @Override
    public String aggregateType() {
        return "ConfigurationItem";
    }
}
