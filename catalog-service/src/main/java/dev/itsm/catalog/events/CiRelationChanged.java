package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.UUID;

import dev.itsm.catalog.ci.CiRelation;
import dev.itsm.catalog.ci.RelationType;
import dev.itsm.catalog.ci.TargetType;
import dev.itsm.platform.events.DomainEvent;

/**
 * A relation {@code sourceId <relation> targetId} was added or removed. Keyed by the source CI, so
 * all edges of one CI stay ordered with its {@link ConfigurationItemChanged} events.
 */
public record CiRelationChanged(UUID relationId, UUID sourceId, RelationType relation, TargetType targetType,
        UUID targetId, Change change, Instant occurredAt) implements DomainEvent {

    public enum Change {
        ADDED, REMOVED
    }

    public static CiRelationChanged of(CiRelation r, Change change, Instant now) {
        return new CiRelationChanged(r.id(), r.sourceId(), r.relation(), r.targetType(), r.targetId(), change, now);
    }

    @Override
    public String aggregateId() {
        return sourceId.toString();
    }

    @Override
    public String aggregateType() {
        return "ConfigurationItem";
    }
}
