package dev.itsm.change.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.itsm.change.api.IncidentLink;
import dev.itsm.change.events.ChangeIncidentLinked;
import dev.itsm.change.events.ChangeIncidentUnlinked;
import dev.itsm.change.schedule.ScheduleService;
import dev.itsm.platform.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Links between changes and incidents (caused-by / resolved-by), joined with the incident replica.
 * Every link and unlink that changes something is announced here, in the caller's transaction
 * (ChangeIncidentLinked / ChangeIncidentUnlinked), and only then: incident-service mirrors the links
 * into the incident's {@code linkedChangeIds} and sends them back, and an echo that changes nothing
 * must end the exchange.
 */
@ApplicationScoped
public class IncidentLinks {

    private static final String SELECT = """
            select l.incident_id, l.relation, l.source, l.linked_by, l.linked_at, i.number, i.title, i.state, i.priority
            from change_incident_link l left join incident_ref i on i.incident_id = l.incident_id
            """;

    private final EntityManager em;
    private final Outbox outbox;

    IncidentLinks(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    /** Adds a link and announces it; false (and nothing published) when it already existed. */
    public boolean link(UUID changeId, UUID incidentId, String relation, String source, String linkedBy, Instant at) {
        boolean added = em.createNativeQuery("""
                insert into change_incident_link (change_id, incident_id, relation, source, linked_by, linked_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""")
                .setParameter(1, changeId).setParameter(2, incidentId).setParameter(3, relation).setParameter(4, source)
                .setParameter(5, linkedBy).setParameter(6, Timestamp.from(at)).executeUpdate() == 1;
        if (added) {
            em.createNativeQuery("delete from change_incident_unlink where change_id = ?1 and incident_id = ?2")
                    .setParameter(1, changeId).setParameter(2, incidentId).executeUpdate();
            outbox.append(new ChangeIncidentLinked(changeId.toString(), number(changeId), incidentId, relation, source, at, at));
        }
        return added;
    }

    /** Removes every relation between the two and announces it; 0 (and nothing published) when there was none. */
    public int unlink(UUID changeId, UUID incidentId, Instant at) {
        int removed = em.createNativeQuery("delete from change_incident_link where change_id = ?1 and incident_id = ?2")
                .setParameter(1, changeId).setParameter(2, incidentId).executeUpdate();
        if (removed > 0) {
            em.createNativeQuery("""
                    insert into change_incident_unlink (change_id, incident_id, unlinked_at) values (?1, ?2, ?3)
                    on conflict (change_id, incident_id) do update set unlinked_at = excluded.unlinked_at""")
                    .setParameter(1, changeId).setParameter(2, incidentId).setParameter(3, Timestamp.from(at)).executeUpdate();
            outbox.append(new ChangeIncidentUnlinked(changeId.toString(), number(changeId), incidentId, at, at));
        }
        return removed;
    }

    /** When the two were last unlinked, if ever (and not linked again since). */
    @SuppressWarnings("unchecked")
    public Optional<Instant> unlinkedAt(UUID changeId, UUID incidentId) {
        List<Object> rows = em.createNativeQuery("select unlinked_at from change_incident_unlink where change_id = ?1 and incident_id = ?2")
                .setParameter(1, changeId).setParameter(2, incidentId).getResultList();
        return rows.stream().findFirst().map(ScheduleService::instant);
    }

    /** The changes linked to an incident, each with the time of its latest link. */
    @SuppressWarnings("unchecked")
    public Map<UUID, Instant> changesLinkedTo(UUID incidentId) {
        List<Object[]> rows = em.createNativeQuery("""
                select change_id, max(linked_at) from change_incident_link where incident_id = ?1 group by change_id""")
                .setParameter(1, incidentId).getResultList();
        Map<UUID, Instant> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put((UUID) r[0], ScheduleService.instant(r[1]));
        }
        return out;
    }

    public List<IncidentLink> of(UUID changeId) {
        return query(SELECT + " where l.change_id = ?1 order by l.linked_at, l.incident_id", changeId, null);
    }

    /** The link of a change to an incident (the earliest relation when there are two). */
    public Optional<IncidentLink> find(UUID changeId, UUID incidentId) {
        return query(SELECT + " where l.change_id = ?1 and l.incident_id = ?2 order by l.linked_at, l.relation", changeId, incidentId)
                .stream().findFirst();
    }

    /** The link with this relation, if there is one. */
    public Optional<IncidentLink> find(UUID changeId, UUID incidentId, String relation) {
        return query(SELECT + " where l.change_id = ?1 and l.incident_id = ?2", changeId, incidentId).stream()
                .filter(l -> l.relation().equals(relation)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<IncidentLink> query(String sql, UUID changeId, UUID incidentId) {
        var query = em.createNativeQuery(sql).setParameter(1, changeId);
        if (incidentId != null) {
            query.setParameter(2, incidentId);
        }
        List<Object[]> rows = query.getResultList();
        List<IncidentLink> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new IncidentLink((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], ScheduleService.instant(r[4]),
                    (String) r[5], (String) r[6], (String) r[7], (String) r[8]));
        }
        return out;
    }

    private String number(UUID changeId) {
        return (String) em.createNativeQuery("select number from change_request where id = ?1").setParameter(1, changeId)
                .getSingleResult();
    }
}
