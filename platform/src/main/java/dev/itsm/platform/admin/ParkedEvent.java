package dev.itsm.platform.admin;

import java.time.Instant;
import java.util.UUID;

/** An outbox row the relay parked: it could not be published, or waits behind one of its aggregate that could not. */
public record ParkedEvent(
        long id,
        UUID eventId,
        String topic,
        String eventType,
        String aggregateId,
        Instant occurredAt,
        int payloadBytes,
        Instant failedAt,
        String failure) {
}
