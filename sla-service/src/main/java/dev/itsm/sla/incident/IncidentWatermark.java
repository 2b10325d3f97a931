package dev.itsm.sla.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The event-time watermark of {@code itsm.incident.events}: up to which instant every incident event is
 * known to be applied, so a warning or breach due before it cannot be undone by an event still on its
 * way (a hold that happened before the due time). Two sources:
 * <ul>
 * <li>the consumer is caught up (nothing left to read, nothing blocked): everything up to now is known;</li>
 * <li>otherwise the stored watermark: the latest {@code occurredAt} applied on the topic, advanced in the
 * same transaction as each event's effect. A blocked partition holds events of unknown time, so then
 * nothing is known.</li>
 * </ul>
 * One row per topic, not per partition: the platform's {@code InboundEvent} does not carry the partition.
 * The limits of that choice are in the README ("Late events and the watermark").
 */
@ApplicationScoped
public class IncidentWatermark {

    private final EntityManager em;
    private final ConsumerProgress consumer;

    IncidentWatermark(EntityManager em, ConsumerProgress consumer) {
        this.em = em;
        this.consumer = consumer;
    }

    /** Records that the event that happened at {@code occurredAt} is applied; part of the event's own transaction. */
    @Transactional(TxType.MANDATORY)
    public void advance(Instant occurredAt) {
        em.createNativeQuery("""
                insert into consumer_watermark (topic, occurred_at) values (?1, ?2)
                on conflict (topic) do update set occurred_at = greatest(consumer_watermark.occurred_at, excluded.occurred_at)""")
                .setParameter(1, IncidentEventHandler.TOPIC).setParameter(2, occurredAt).executeUpdate();
    }

    /** The instant up to which the incident stream is known to be applied (at most {@code now}); empty when nothing is known. */
    @Transactional
    public Optional<Instant> appliedUpTo(Instant now) {
        if (consumer.caughtUp()) {
            return Optional.of(now);
        }
        if (consumer.blocked()) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("select occurred_at from consumer_watermark where topic = ?1")
                .setParameter(1, IncidentEventHandler.TOPIC).getResultList();
        return rows.stream().findFirst().map(IncidentWatermark::instant).map(w -> w.isAfter(now) ? now : w);
    }

    private static Instant instant(Object column) {
        if (column instanceof Instant i) {
            return i;
        }
        if (column instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) column).toInstant();
    }
}
