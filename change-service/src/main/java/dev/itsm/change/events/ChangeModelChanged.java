package dev.itsm.change.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.platform.events.DomainEvent;

/**
 * A change model was created, edited (PUT or PATCH) or deleted: its full current definition (as it
 * was, for DELETED) and the {@code operation}. Key and ce_subject = modelId.
 */
public record ChangeModelChanged(String modelId, EditOperation operation, String name, String description,
        String implementationPlan, String backoutPlan, String testPlan, List<UUID> allowedServiceIds, List<UUID> allowedCiIds,
        boolean active, Instant createdAt, Instant updatedAt, long version, Instant occurredAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return modelId;
    }

    @Override
    public String aggregateType() {
        return "ChangeModel";
    }
}
