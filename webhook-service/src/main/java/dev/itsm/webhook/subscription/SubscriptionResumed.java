package dev.itsm.webhook.subscription;

import java.util.UUID;

/**
 * Fired (CDI) when a paused or disabled subscription is resumed, so whoever delivers its queued
 * deliveries can start at once after the commit; the subscription package does not know who that is.
 */
public record SubscriptionResumed(UUID subscriptionId) {
}
