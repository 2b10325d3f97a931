package dev.itsm.sla.incident;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.itsm.platform.events.InboundEvent;
import dev.itsm.platform.events.PoisonEventException;

/** What an incident event tells this service, read with the platform's tolerant readers. */
public record IncidentFacts(String type, UUID incidentId, String number, UUID serviceId, String category, String priority,
        String state, String holdReason, Instant openedAt, Instant occurredAt) {

    /** {@code receivedAt} stands in for the time of an event that carries neither occurredAt nor ce_time. */
    public static IncidentFacts from(InboundEvent event, Instant receivedAt) {
        UUID incidentId = event.requiredUuid("incidentId");
        Instant occurredAt = millis(event.occurredAt(receivedAt));
        Instant openedAt = millis(event.instant("openedAt"));
        String priority = event.text("priority");
        if (priority != null && !priority.matches("P[1-5]")) {
            throw event.poison("priority '" + priority + "' is not P1..P5");
        }
        return new IncidentFacts(event.name(), incidentId, event.text("number"), optionalUuid(event, "serviceId"),
                event.text("category"), priority, event.text("state"), event.text("holdReason"),
                openedAt == null ? occurredAt : openedAt, occurredAt);
    }

    /** The database keeps microseconds; timers work in millis. */
    private static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** An unreadable optional id is treated as absent (as before): the incident is still timed, just not scoped by it. */
    private static UUID optionalUuid(InboundEvent event, String field) {
        try {
            return event.uuid(field);
        } catch (PoisonEventException e) {
            return null;
        }
    }
}
