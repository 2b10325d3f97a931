package dev.itsm.incident.knownerror;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * problem-service's links between problems and incidents, as its events report them (table
 * {@code problem_incident_link}): the incidents a known error published for a problem is for. Written and read in the
 * inbox transaction of the event that reports them; a repeated link or unlink changes nothing.
 */
@ApplicationScoped
public class ProblemLinks {

    private static final String LINK = """
            insert into problem_incident_link (problem_id, incident_id)
            select ?1, i from unnest(cast(?2 as uuid[])) i
            on conflict do nothing""";

    @Transactional(Transactional.TxType.MANDATORY)
    public void link(UUID problemId, Collection<UUID> incidentIds) {
        if (!incidentIds.isEmpty()) {
            Panache.getEntityManager().createNativeQuery(LINK).setParameter(1, problemId)
                    .setParameter(2, incidentIds.toArray(UUID[]::new)).executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void unlink(UUID problemId, UUID incidentId) {
        Panache.getEntityManager().createNativeQuery("delete from problem_incident_link where problem_id = ?1 and incident_id = ?2")
                .setParameter(1, problemId).setParameter(2, incidentId).executeUpdate();
    }

    /** The incidents linked to the problem, in id order. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> incidentsOf(UUID problemId) {
        return Panache.getEntityManager().createNativeQuery("select incident_id from problem_incident_link where problem_id = ?1"
                + " order by incident_id", UUID.class).setParameter(1, problemId).getResultList();
    }
}
