package dev.itsm.change.events;

import java.time.Instant;
import java.util.UUID;

import dev.itsm.platform.events.DomainEvent;

/**
 * An incident was linked to a change (by hand, as a suspect, or applied from the incident's own
 * links). incident-service applies it to the incident's {@code linkedChangeIds}. Key = changeId.
 */
public record ChangeIncidentLinked(String changeId, String changeNumber, UUID incidentId, String relation, String source,
        Instant linkedAt, Instant occurredAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return changeId;
    }

    @Override
    public String aggregateType() {
        return "ChangeRequest";
    }
}
