package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.platform.events.DomainEvent;

/**
 * Facts about a service offering (key = offeringId). Every payload is the full offering
 * ({@link OfferingFacts}, flattened into the top level); the event type says what happened.
 */
public sealed interface OfferingEvent extends DomainEvent {

    OfferingFacts facts();

    @Override
    default String aggregateId() {
        return facts().offeringId().toString();
    }

    @Override
    default Instant occurredAt() {
        return facts().occurredAt();
    }

    @Override
    default String aggregateType() {
        return "Offering";
    }

    /**
     * The offering after it was drafted or edited (any status); {@code changedFields} names the fields an
     * edit changed (empty when it was drafted).
     */
    record OfferingChanged(@JsonUnwrapped OfferingFacts facts, List<String> changedFields) implements OfferingEvent {
    }

    /** The offering is (re)published in the catalogue for its target consumer group. */
    record OfferingPublished(@JsonUnwrapped OfferingFacts facts) implements OfferingEvent {
    }

    /** The offering left the catalogue: its last content. */
    record OfferingWithdrawn(@JsonUnwrapped OfferingFacts facts) implements OfferingEvent {
    }
}
