package dev.itsm.monitoring.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** Reads the intake queue without claiming it, so tests see what a request stored. */
@ApplicationScoped
public class QueueProbe {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** The newest sequence number (0 when the table never had a row). */
    @Transactional
    public long lastSeq() {
        Number n = (Number) em.createNativeQuery("select coalesce(max(seq), 0) from intake_alert").getSingleResult();
        return n.longValue();
    }

    /** The entries after {@code seq}, in order. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<NormalizedAlert> after(long seq) throws Exception {
        List<String> rows = em.createNativeQuery(
                "select cast(alert as text) from intake_alert where seq > ?1 order by seq").setParameter(1, seq)
                .getResultList();
        List<NormalizedAlert> alerts = new ArrayList<>();
        for (String row : rows) {
            alerts.add(json.readValue(row, NormalizedAlert.class));
        }
        return alerts;
    }

    @Transactional
    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from intake_alert").getSingleResult()).longValue();
    }
}
