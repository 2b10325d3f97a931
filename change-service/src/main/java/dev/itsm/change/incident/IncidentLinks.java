package dev.itsm.change.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.itsm.change.api.IncidentLink;
import dev.itsm.change.schedule.ScheduleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Links between changes and incidents (caused-by / resolved-by), joined with the incident replica. */
@ApplicationScoped
public class IncidentLinks {

    private final EntityManager em;

    IncidentLinks(EntityManager em) {
        this.em = em;
    }

    /** Adds a link; false when it already existed. */
    public boolean link(UUID changeId, UUID incidentId, String relation, String source, String linkedBy, Instant at) {
        return em.createNativeQuery("""
                insert into change_incident_link (change_id, incident_id, relation, source, linked_by, linked_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""")
                .setParameter(1, changeId).setParameter(2, incidentId).setParameter(3, relation).setParameter(4, source)
                .setParameter(5, linkedBy).setParameter(6, Timestamp.from(at)).executeUpdate() == 1;
    }

    public int unlink(UUID changeId, UUID incidentId) {
        return em.createNativeQuery("delete from change_incident_link where change_id = ?1 and incident_id = ?2")
                .setParameter(1, changeId).setParameter(2, incidentId).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<IncidentLink> of(UUID changeId) {
        List<Object[]> rows = em.createNativeQuery("""
                select l.incident_id, l.relation, l.source, l.linked_by, l.linked_at, i.number, i.title, i.state, i.priority
                from change_incident_link l left join incident_ref i on i.incident_id = l.incident_id
                where l.change_id = ?1 order by l.linked_at, l.incident_id""")
                .setParameter(1, changeId).getResultList();
        List<IncidentLink> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new IncidentLink((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], ScheduleService.instant(r[4]),
                    (String) r[5], (String) r[6], (String) r[7], (String) r[8]));
        }
        return out;
    }
}
