package dev.itsm.webhook.delivery.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.itsm.platform.events.DomainEvent;

/**
 * A delivery was given up after its retry budget (it is DEAD: the subscription's dead letter; {@code redeliver}
 * sends it again). Keyed by the subscription id. The undelivered event's type is {@code eventType} on the wire; the
 * component has another name because {@link DomainEvent#eventType()} is this event's own type.
 */
public record WebhookDeliveryFailed(UUID subscriptionId, long deliveryId, String eventId,
        @JsonProperty("eventType") String undeliveredEventType, String subject,
        int attempts, Integer lastStatus, String lastError, Instant firstAttemptAt, Instant lastAttemptAt, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return subscriptionId.toString();
    }

    @Override
    public String aggregateType() {
        return "WebhookSubscription";
    }
}
