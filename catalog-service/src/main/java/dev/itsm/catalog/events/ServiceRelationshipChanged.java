package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.platform.events.DomainEvent;

/**
 * A service relationship was created, amended or terminated (key = relationshipId): its full facts and
 * the fields that changed (empty when it was created, {@code state} when terminated).
 */
public record ServiceRelationshipChanged(@JsonUnwrapped RelationshipFacts facts, List<String> changedFields) implements DomainEvent {

    @Override
    public String aggregateId() {
        return facts.relationshipId().toString();
    }

    @Override
    public Instant occurredAt() {
        return facts.occurredAt();
    }

    @Override
    public String aggregateType() {
        return "ServiceRelationship";
    }
}
