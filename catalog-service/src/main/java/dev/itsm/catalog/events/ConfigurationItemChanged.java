package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.catalog.ci.CiStatus;
import dev.itsm.catalog.ci.ConfigurationItem;
import dev.itsm.platform.events.DomainEvent;

/**
 * The full CI after it was registered or edited, or its last state with {@code deleted = true}.
 * {@code status} is {@code state} under its older name, kept for existing consumers.
 * {@code changedFields} names the fields an edit changed (empty when the CI was registered or deleted).
 */
public record ConfigurationItemChanged(UUID ciId, String name, String ciClass, String environment, CiStatus state,
        CiStatus status, Map<String, Object> attributes, boolean deleted, List<String> changedFields, Instant occurredAt)
        implements DomainEvent {

    public static ConfigurationItemChanged of(ConfigurationItem ci, boolean deleted, List<String> changedFields,
            Instant now) {
        return new ConfigurationItemChanged(ci.id(), ci.name(), ci.ciClass(), ci.environment(), ci.status(),
                ci.status(), ci.attributes(), deleted, changedFields, now);
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
