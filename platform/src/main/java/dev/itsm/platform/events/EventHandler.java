package dev.itsm.platform.events;

/**
 * Consumes one topic. Implement it as a CDI bean; {@link EventConsumer} calls {@link #handle}
 * inside a transaction that also records the event id in {@code processed_event}, so a
 * redelivered event has no second effect. Throw to have the event retried (and after
 * {@code itsm.consumer.max-attempts}, sent to {@code <topic>.dlq}); throw
 * {@link PoisonEventException} to send it there at once. Ignore event types you do not know.
 */
public interface EventHandler {

    /** The topic this handler reads, e.g. {@code itsm.catalog.events}. */
    String topic();

    /** Applies the event's effect. Runs in the inbox transaction. */
    void handle(InboundEvent event);
}
