package dev.itsm.incident.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.incident.HoldReason;
import dev.itsm.incident.Priority;
import dev.itsm.incident.ResolutionCode;
import dev.itsm.platform.events.DomainEvent;

/**
 * Facts published on {@code itsm.incident.events} (key = incidentId). Each payload is the incident's
 * {@link IncidentFacts} (flattened into the top level) plus the fields particular to the event.
 */
public sealed interface IncidentEvent extends DomainEvent {

    IncidentFacts facts();

    @Override
    default String aggregateId() {
        return facts().incidentId().toString();
    }

    @Override
    default Instant occurredAt() {
        return facts().occurredAt();
    }

    @Override
    default String aggregateType() {
        return "Incident";
    }

    record IncidentOpened(@JsonUnwrapped IncidentFacts facts) implements IncidentEvent {
    }

    record IncidentAcknowledged(@JsonUnwrapped IncidentFacts facts) implements IncidentEvent {
    }

    record IncidentAssigned(@JsonUnwrapped IncidentFacts facts) implements IncidentEvent {
    }

    record IncidentPriorityChanged(@JsonUnwrapped IncidentFacts facts, Priority previousPriority) implements IncidentEvent {
    }

    /**
     * Published facts changed by an edit that is not a lifecycle step (a PATCH, a link made on the
     * change side); {@code changedFields} names them, the facts carry their new values.
     */
    record IncidentUpdated(@JsonUnwrapped IncidentFacts facts, List<String> changedFields) implements IncidentEvent {
    }

    record IncidentPutOnHold(@JsonUnwrapped IncidentFacts facts, HoldReason holdReason) implements IncidentEvent {
    }

    record IncidentResumed(@JsonUnwrapped IncidentFacts facts) implements IncidentEvent {
    }

    record IncidentResolved(@JsonUnwrapped IncidentFacts facts, ResolutionCode resolutionCode) implements IncidentEvent {
    }

    record IncidentReopened(@JsonUnwrapped IncidentFacts facts, String reason) implements IncidentEvent {
    }

    record IncidentClosed(@JsonUnwrapped IncidentFacts facts) implements IncidentEvent {
    }

    record IncidentCanceled(@JsonUnwrapped IncidentFacts facts, String reason) implements IncidentEvent {
    }

    record MajorIncidentDeclared(@JsonUnwrapped IncidentFacts facts) implements IncidentEvent {
    }
}
