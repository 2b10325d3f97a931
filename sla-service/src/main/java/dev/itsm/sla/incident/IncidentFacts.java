package dev.itsm.sla.incident;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.PoisonEventException;

/** What an incident event tells this service (tolerant reader of the incident contract). */
public record IncidentFacts(String type, UUID incidentId, String number, UUID serviceId, String category, String priority,
        String state, String holdReason, Instant openedAt, Instant occurredAt) {

    public static IncidentFacts from(String type, JsonNode data, Instant ceTime) {
        UUID incidentId = uuid(data, "incidentId", true);
        Instant occurredAt = instant(data, "occurredAt");
        if (occurredAt == null) {
            occurredAt = (ceTime != null ? ceTime : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
        }
        Instant openedAt = instant(data, "openedAt");
        String priority = text(data, "priority");
        if (priority != null && !priority.matches("P[1-5]")) {
            throw new PoisonEventException("priority '" + priority + "' is not P1..P5");
        }
        return new IncidentFacts(type, incidentId, text(data, "number"), uuid(data, "serviceId", false), text(data, "category"),
                priority, text(data, "state"), text(data, "holdReason"), openedAt == null ? occurredAt : openedAt, occurredAt);
    }

    private static String text(JsonNode data, String field) {
        JsonNode n = data.path(field);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static UUID uuid(JsonNode data, String field, boolean required) {
        String s = text(data, field);
        if (s == null) {
            if (required) {
                throw new PoisonEventException(field + " is missing");
            }
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            if (required) {
                throw new PoisonEventException(field + " '" + s + "' is not a UUID");
            }
            return null;
        }
    }

    private static Instant instant(JsonNode data, String field) {
        String s = text(data, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s).truncatedTo(ChronoUnit.MILLIS); // the database keeps microseconds; timers work in millis
        } catch (DateTimeParseException e) {
            throw new PoisonEventException(field + " '" + s + "' is not an ISO-8601 instant");
        }
    }
}
