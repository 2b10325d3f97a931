package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.platform.events.DomainEvent;

/**
 * A consumer organisation was created, edited, (de)activated or one of its people changed (key =
 * organisationId): its full facts and the fields that changed ({@code people} for a person change;
 * empty when it was created).
 */
public record ConsumerOrganisationChanged(@JsonUnwrapped OrganisationFacts facts, List<String> changedFields) implements DomainEvent {

    @Override
    public String aggregateId() {
        return facts.organisationId().toString();
    }

    @Override
    public Instant occurredAt() {
        return facts.occurredAt();
    }

    @Override
    public String aggregateType() {
        return "ConsumerOrganisation";
    }
}
