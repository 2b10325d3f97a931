package dev.itsm.catalog.support;

import java.util.List;
import java.util.function.Supplier;

import dev.itsm.platform.events.DomainEvent;
import dev.itsm.platform.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The last step of every catalogue command, inside the caller's transaction: the aggregate's
 * changes are flushed first (so a lost update or a broken constraint fails here, before anything is
 * announced), then the events the aggregate returned are appended to the outbox.
 */
@ApplicationScoped
public class Changes {

    private final EntityManager em;
    private final Outbox outbox;

    Changes(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    public void publish(List<? extends DomainEvent> events) {
        em.flush();
        outbox.appendAll(events);
    }

    /**
     * As {@link #publish(List)}, for events that carry the aggregate's version: they are made after the
     * flush, which is when the new version is known.
     */
    public void publishAfterFlush(Supplier<List<? extends DomainEvent>> events) {
        em.flush();
        outbox.appendAll(events.get());
    }
}
