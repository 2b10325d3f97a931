package dev.itsm.monitoring.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Alert and group numbers from their sequences. Alert numbers are fetched in blocks: a storm raises hundreds of alerts
 * per batch and one round trip each would be most of its cost. A number taken by a rolled-back batch is simply lost
 * (sequences never go back), like every sequence number.
 */
@ApplicationScoped
public class Numbers {

    private static final int BLOCK = 100;

    @Inject
    EntityManager em;

    private final Deque<Long> alertNumbers = new ArrayDeque<>();

    /** {@code ALT0000001}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public synchronized String nextAlertNumber() {
        if (alertNumbers.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Number> block = em.createNativeQuery(
                    "select nextval('alert_number_seq') from generate_series(1, " + BLOCK + ")").getResultList();
            block.forEach(n -> alertNumbers.add(n.longValue()));
        }
        return String.format("ALT%07d", alertNumbers.poll());
    }

    /** {@code ALG0001000}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String nextGroupNumber() {
        Number n = (Number) em.createNativeQuery("select nextval('alert_group_number_seq')").getSingleResult();
        return String.format("ALG%07d", n.longValue());
    }
}
