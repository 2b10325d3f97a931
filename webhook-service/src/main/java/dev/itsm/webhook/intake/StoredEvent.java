package dev.itsm.webhook.intake;

import java.time.Instant;

/**
 * A consumed CloudEvent as kept in {@code webhook_event}: the body and {@code ce-*} headers of every delivery made of
 * it, and what a replay reads.
 *
 * @param data the JSON payload bytes, sent unchanged as the HTTP body
 */
public record StoredEvent(String eventId, String topic, String type, String source, String subject, Instant time,
        String dataContentType, byte[] data) {
}
