package dev.itsm.platform.events;

import java.util.Set;

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

    /** The topic this handler reads, e.g. {@code itsm.catalog.events}; a handler of several topics overrides {@link #topics()} instead. */
    default String topic() {
        throw new IllegalStateException(getClass().getName() + " names no topic: implement topic() or topics()");
    }

    /**
     * The topics this handler reads: {@link #topic()} alone for a handler of one producer's events; a
     * handler that follows many (webhook-service delivers every service's events) names them all here.
     */
    default Set<String> topics() {
        return Set.of(topic());
    }

    /**
     * The event names ({@code ce_type}'s last segment, e.g. {@code AlertGroupOpened}) this handler acts on; empty (the
     * default) means every type. When no handler of a topic wants a record's type, {@link EventConsumer} passes over
     * it without parsing it or writing an inbox row — it has no effect to make idempotent. A busy topic of which a
     * service reads a few types (incident-service of itsm.monitoring.events) then costs it a header comparison per
     * other record instead of a JSON parse, an inbox insert and a flush.
     */
    default Set<String> types() {
        return Set.of();
    }

    /** Applies the event's effect. Runs in the inbox transaction (shared with the poll's other events). */
    void handle(InboundEvent event);
}
