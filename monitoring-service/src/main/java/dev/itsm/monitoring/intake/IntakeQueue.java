package dev.itsm.monitoring.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The intake queue table {@code intake_alert}. The intake appends, the processor claims: both in their caller's
 * transaction, with one statement each whatever the number of alerts — a storm of thousands of alerts a second
 * must not cost a round trip per alert.
 */
@ApplicationScoped
public class IntakeQueue {

    /** depth() counts at most this many entries: above it the exact figure no longer matters and costs a scan. */
    static final int DEPTH_COUNT_CAP = 100_000;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** Writes the alerts in one INSERT … SELECT over a jsonb array, in the caller's transaction; order is kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<NormalizedAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        String array;
        try {
            array = json.writeValueAsString(alerts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a normalized alert cannot be serialized", e);
        }
        em.createNativeQuery("""
                insert into intake_alert (received_at, alert)
                select cast(x.value ->> 'receivedAt' as timestamptz), x.value
                from jsonb_array_elements(cast(?1 as jsonb)) with ordinality as x(value, n)
                order by x.n""")
                .setParameter(1, array)
                .executeUpdate();
    }

    /**
     * Claims and deletes up to {@code limit} oldest entries (ordered by seq, FOR UPDATE SKIP LOCKED), in the
     * caller's transaction: a rollback puts them back, and a concurrent claimer skips them rather than waiting.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<QueuedAlert> claim(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("""
                delete from intake_alert
                where seq in (select seq from intake_alert order by seq limit ?1 for update skip locked)
                returning seq, cast(alert as text)""")
                .setParameter(1, limit)
                .getResultList();
        List<QueuedAlert> claimed = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            claimed.add(new QueuedAlert(((Number) row[0]).longValue(), read((String) row[1])));
        }
        // DELETE … RETURNING does not promise the subquery's order
        claimed.sort(Comparator.comparingLong(QueuedAlert::seq));
        return claimed;
    }

    /** Entries waiting, exact up to {@link #DEPTH_COUNT_CAP} (then the cap): cheap enough for metrics and admin. */
    @Transactional
    public long depth() {
        Number n = (Number) em.createNativeQuery(
                "select count(*) from (select 1 from intake_alert limit " + DEPTH_COUNT_CAP + ") q")
                .getSingleResult();
        return n.longValue();
    }

    /** When the oldest waiting entry was received; empty when the queue is empty. */
    @Transactional
    public Optional<Instant> oldestReceivedAt() {
        List<?> rows = em.createNativeQuery(
                "select received_at from intake_alert order by seq limit 1").getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object v = rows.get(0);
        if (v instanceof Instant i) {
            return Optional.of(i);
        }
        if (v instanceof Timestamp t) {
            return Optional.of(t.toInstant());
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return Optional.of(o.toInstant());
        }
        throw new IllegalStateException("unexpected timestamp type " + v.getClass());
    }

    private NormalizedAlert read(String alert) {
        try {
            return json.readValue(alert, NormalizedAlert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an intake queue entry is not a NormalizedAlert", e);
        }
    }
}
