package dev.itsm.webhook.delivery.events;

import java.time.Instant;
import java.util.UUID;

import dev.itsm.platform.events.DomainEvent;

/**
 * The subscriber answered 410 Gone: the subscription is DISABLED, its deliveries wait (resume sends them). Keyed by
 * the subscription id; {@code targetUrl} without its query string.
 */
public record WebhookSubscriptionDisabled(UUID subscriptionId, String name, String targetUrl, String reason, Integer lastStatus,
        Instant occurredAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return subscriptionId.toString();
    }

    @Override
    public String aggregateType() {
        return "WebhookSubscription";
    }
}
