package dev.itsm.webhook.subscription;

/** Whether a subscription receives deliveries: only ACTIVE does; DISABLED is set by a 410 Gone from the target. */
public enum SubscriptionState {
    ACTIVE, PAUSED, DISABLED
}
