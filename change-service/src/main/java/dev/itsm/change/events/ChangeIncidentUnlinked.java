package dev.itsm.change.events;

import java.time.Instant;
import java.util.UUID;

import dev.itsm.platform.events.DomainEvent;

/** An incident is no longer linked to a change (every relation removed). Key = changeId. */
public record ChangeIncidentUnlinked(String changeId, String changeNumber, UUID incidentId, Instant unlinkedAt,
        Instant occurredAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return changeId;
    }

    @Override
    public String aggregateType() {
        return "ChangeRequest";
    }
}
