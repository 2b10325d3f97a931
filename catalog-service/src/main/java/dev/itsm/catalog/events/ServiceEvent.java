package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.catalog.portfolio.ServiceStatus;
import dev.itsm.platform.events.DomainEvent;

/**
 * Facts about a service of the portfolio (key = serviceId). Each payload is the full service
 * ({@link ServiceFacts}, flattened into the top level, so a replica can be kept from these events
 * alone) plus what is particular to the event.
 */
public sealed interface ServiceEvent extends DomainEvent {

    ServiceFacts facts();

    @Override
    default String aggregateId() {
        return facts().serviceId().toString();
    }

    @Override
    default Instant occurredAt() {
        return facts().occurredAt();
    }

    @Override
    default String aggregateType() {
        return "Service";
    }

    /** A service was added to the pipeline. */
    record ServiceCreated(@JsonUnwrapped ServiceFacts facts) implements ServiceEvent {
    }

    /** Its facts were edited (PATCH); {@code changedFields} names the fields the edit changed. */
    record ServiceUpdated(@JsonUnwrapped ServiceFacts facts, List<String> changedFields) implements ServiceEvent {
    }

    /**
     * A lifecycle command (go-live, retire) moved it; {@code previousState} is the state it left
     * ({@code previousStatus} the same under its older name).
     */
    record ServiceStatusChanged(@JsonUnwrapped ServiceFacts facts, ServiceStatus previousState, ServiceStatus previousStatus)
            implements ServiceEvent {
    }
}
