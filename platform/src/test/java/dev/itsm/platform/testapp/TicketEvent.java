package dev.itsm.platform.testapp;

import java.time.Instant;

import dev.itsm.platform.events.DomainEvent;

/** Events of the test ticket aggregate. */
public sealed interface TicketEvent extends DomainEvent {

    @Override
    default String aggregateType() {
        return "Ticket";
    }

    record TicketOpened(String aggregateId, String title, Instant occurredAt) implements TicketEvent {
    }

    record TicketRenamed(String aggregateId, String title, int step, Instant occurredAt) implements TicketEvent {
    }

    record TicketClosed(String aggregateId, Instant occurredAt) implements TicketEvent {
    }
}
