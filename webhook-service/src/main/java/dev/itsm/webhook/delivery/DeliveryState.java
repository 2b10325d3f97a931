package dev.itsm.webhook.delivery;

/** PENDING and IN_FLIGHT are open (they hold their ordering key); DELIVERED and DEAD are final. */
public enum DeliveryState {
    PENDING, IN_FLIGHT, DELIVERED, DEAD
}
