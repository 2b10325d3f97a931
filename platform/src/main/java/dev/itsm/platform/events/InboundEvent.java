package dev.itsm.platform.events;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvent received from Kafka, as a handler sees it. {@code data} is the parsed JSON payload;
 * read it tolerantly (ignore fields you do not know).
 */
public record InboundEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String topic,
        String key,
        JsonNode data) {

    /** True when {@code type} is {@code dev.itsm.<service>.<eventName>} for the given event name. */
    public boolean is(String eventName) {
        return type != null && type.endsWith("." + eventName);
    }
}
