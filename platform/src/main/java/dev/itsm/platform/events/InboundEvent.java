package dev.itsm.platform.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvent received from Kafka, as a handler sees it. {@code data} is the parsed JSON payload;
 * read it tolerantly (ignore fields you do not know) with the readers below, which turn a present
 * but unreadable value into a {@link PoisonEventException} naming the field and the event, so every
 * consumer reports bad payloads the same way.
 * <p>
 * {@code notAfter} is the latest instant the event may claim to have happened: the consumer's clock
 * when it was received plus {@code itsm.consumer.max-clock-skew}. {@link #occurredAt} never returns
 * a later one, so an event dated in the future (a skewed producer clock, or a forged "9999" that
 * would make every genuine later event look stale) cannot freeze a replica; null means no limit.
 */
public record InboundEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String topic,
        String key,
        JsonNode data,
        Instant notAfter) {

    /** An event without a limit on its time (tests, tools). */
    public InboundEvent(String id, String type, String source, String subject, Instant time, String topic, String key,
            JsonNode data) {
        this(id, type, source, subject, time, topic, key, data, null);
    }

    /** True when {@code type} is {@code dev.itsm.<service>.<eventName>} for the given event name. */
    public boolean is(String eventName) {
        return type != null && type.endsWith("." + eventName);
    }

    /** The event name: the last segment of {@code ce_type} ({@code IncidentOpened}). */
    public String name() {
        return type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
    }

    /** The payload as a JSON object; a payload that is not one is poison. */
    public JsonNode payload() {
        if (data == null || !data.isObject()) {
            throw poison("has no JSON object payload");
        }
        return data;
    }

    /** A text field, or null when absent or JSON null. */
    public String text(String field) {
        JsonNode n = payload().path(field);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** A text field that must be present. */
    public String requiredText(String field) {
        String value = text(field);
        if (value == null) {
            throw poison(field + " is missing");
        }
        return value;
    }

    /** A UUID field, or null when absent; present but not a UUID is poison. */
    public UUID uuid(String field) {
        String value = text(field);
        return value == null ? null : parseUuid(field, value);
    }

    /** A UUID field that must be present. */
    public UUID requiredUuid(String field) {
        return parseUuid(field, requiredText(field));
    }

    /** An ISO-8601 instant field, or null when absent; present but unreadable is poison. */
    public Instant instant(String field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw poison(field + " '" + value + "' is not an ISO-8601 instant");
        }
    }

    /** A boolean field, or {@code fallback} when absent. */
    public boolean bool(String field, boolean fallback) {
        JsonNode n = payload().path(field);
        return n.isBoolean() ? n.booleanValue() : fallback;
    }

    /** An array of UUIDs; absent or null is empty, an entry that is not a UUID is poison. */
    public List<UUID> uuids(String field) {
        JsonNode n = payload().path(field);
        List<UUID> ids = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode entry : n) {
                ids.add(parseUuid(field, entry.asText()));
            }
        } else if (!n.isMissingNode() && !n.isNull()) {
            throw poison(field + " is not an array");
        }
        return ids;
    }

    /** A whole-number field, or null when absent or JSON null; anything else (text, a fraction) is poison. */
    public Long longValue(String field) {
        JsonNode n = payload().path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw poison(field + " '" + n.asText() + "' is not a whole number");
        }
        return n.longValue();
    }

    /**
     * When it happened: the payload's {@code occurredAt}, else {@code ce_time}, else {@code fallback};
     * never later than {@link #notAfter()}.
     */
    public Instant occurredAt(Instant fallback) {
        Instant at = instant("occurredAt");
        Instant claimed = at != null ? at : time != null ? time : fallback;
        return notAfter != null && claimed != null && claimed.isAfter(notAfter) ? notAfter : claimed;
    }

    /** A poison verdict naming this event: the consumer dead-letters it and goes on. */
    public PoisonEventException poison(String why) {
        return new PoisonEventException(name() + " " + id + ": " + why);
    }

    private UUID parseUuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw poison(field + " '" + value + "' is not a UUID");
        }
    }
}
