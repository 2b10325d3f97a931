package dev.itsm.platform.events;

/**
 * Consumes one topic. Implement it as a CDI bean; {@link EventConsumer} calls {@link #handle}
 * inside a transaction that also records the event id in {@code processed_event}, so a
 * redelivered event has no second effect. That transaction usually holds the other events of the
 * same poll too, one after the other in topic order; between two events the Hibernate session is
 * flushed and cleared, so each call sees what it would in a transaction of its own (the only
 * difference: SQL {@code now()} is the batch's start). Throw to have the event retried (it is then
 * retried alone, after max {@code itsm.consumer.max-attempts} sent to {@code <topic>.dlq}, while
 * the rest of the batch is applied without it); throw {@link PoisonEventException} to send it
 * there at once. Ignore event types you do not know.
 */
public interface EventHandler {

    /** The topic this handler reads, e.g. {@code itsm.catalog.events}. */
    String topic();

    /** Applies the event's effect. Runs in the inbox transaction (shared with the poll's other events). */
    void handle(InboundEvent event);
}
