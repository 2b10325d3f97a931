package dev.itsm.sla.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.platform.events.DomainEvent;
import dev.itsm.sla.agreement.AgreementView;

/**
 * An agreement was created, revised, retired or activated. The payload is the agreement exactly as
 * {@code GET /api/v1/sla/agreements/{id}} shows it (flattened), so a replica never needs a REST call,
 * plus what happened and which fields it changed. Keyed by the agreement id.
 */
public record SlaAgreementChanged(@JsonUnwrapped AgreementView agreement, Operation operation, List<String> changedFields,
        Instant occurredAt) implements DomainEvent {

    /** What happened to the agreement. */
    public enum Operation {
        CREATED, UPDATED, RETIRED, ACTIVATED
    }

    @Override
    public String aggregateId() {
        return agreement.id().toString();
    }

    @Override
    public String aggregateType() {
        return "SlaAgreement";
    }
}
