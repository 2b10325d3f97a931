package dev.itsm.change.incident;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import dev.itsm.platform.events.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Consumes {@code itsm.incident.events}: keeps the incident facts changes show at review, and links
 * incidents to changes. An incident opened on a service or CI that a change is implementing (or
 * finished implementing within {@link #SUSPECT_WINDOW}) is linked as CAUSED_BY (source EVENT), the
 * usual first suspect; {@code causedByChangeId} / {@code resolvedByChangeId} in a payload (optional,
 * read tolerantly) link explicitly.
 */
@ApplicationScoped
public class IncidentEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.incident.events";
    static final Duration SUSPECT_WINDOW = Duration.ofHours(24);

    private final EntityManager em;
    private final IncidentLinks links;

    IncidentEventHandler(EntityManager em, IncidentLinks links) {
        this.em = em;
        this.links = links;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        if (event.type() == null || !(event.type().startsWith("dev.itsm.incident.Incident") || event.is("MajorIncidentDeclared"))) {
            return; // tolerant reader: types we do not know carry nothing for us
        }
        JsonNode d = event.data();
        if (d == null || !d.isObject()) {
            throw new PoisonEventException("incident event " + event.id() + " has no JSON object payload");
        }
        UUID incidentId = uuid(d, "incidentId", true);
        Instant at = event.time() != null ? event.time() : Instant.now();
        em.createNativeQuery("""
                insert into incident_ref (incident_id, number, title, state, priority, service_id, ci_id, opened_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (incident_id) do update set number = excluded.number, title = excluded.title,
                    state = excluded.state, priority = excluded.priority, service_id = excluded.service_id,
                    ci_id = excluded.ci_id, opened_at = excluded.opened_at, updated_at = excluded.updated_at
                where incident_ref.updated_at <= excluded.updated_at""")
                .setParameter(1, incidentId).setParameter(2, text(d, "number")).setParameter(3, text(d, "title"))
                .setParameter(4, text(d, "state")).setParameter(5, text(d, "priority"))
                .setParameter(6, uuid(d, "serviceId", false)).setParameter(7, uuid(d, "ciId", false))
                .setParameter(8, d.hasNonNull("openedAt") ? Timestamp.from(Instant.parse(d.get("openedAt").asText())) : null)
                .setParameter(9, Timestamp.from(at)).executeUpdate();

        linkExplicit(d, incidentId, "causedByChangeId", "CAUSED_BY", at);
        linkExplicit(d, incidentId, "resolvedByChangeId", "RESOLVED_BY", at);
        if (event.is("IncidentOpened")) {
            linkSuspects(incidentId, uuid(d, "serviceId", false), uuid(d, "ciId", false), at);
        }
    }

    private void linkExplicit(JsonNode d, UUID incidentId, String field, String relation, Instant at) {
        UUID changeId = uuid(d, field, false);
        if (changeId != null && exists(changeId)) {
            links.link(changeId, incidentId, relation, "EVENT", null, at);
        }
    }

    @SuppressWarnings("unchecked")
    private void linkSuspects(UUID incidentId, UUID serviceId, UUID ciId, Instant at) {
        List<String> patterns = new java.util.ArrayList<>();
        if (serviceId != null) {
            patterns.add("%" + serviceId + "%");
        }
        if (ciId != null) {
            patterns.add("%" + ciId + "%");
        }
        for (String pattern : patterns) {
            List<UUID> changes = em.createNativeQuery("""
                    select id from change_request
                    where (state = 'IMPLEMENT' or (state in ('REVIEW', 'CLOSED') and actual_end > ?1))
                      and (service_ids like ?2 or ci_ids like ?2)""")
                    .setParameter(1, Timestamp.from(at.minus(SUSPECT_WINDOW)))
                    .setParameter(2, pattern)
                    .getResultList();
            for (UUID changeId : changes) {
                links.link(changeId, incidentId, "CAUSED_BY", "EVENT", null, at);
            }
        }
    }

    private boolean exists(UUID changeId) {
        return ((Number) em.createNativeQuery("select count(*) from change_request where id = ?1").setParameter(1, changeId)
                .getSingleResult()).longValue() > 0;
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static UUID uuid(JsonNode d, String field, boolean required) {
        String value = text(d, field);
        if (value == null || value.isBlank()) {
            if (required) {
                throw new PoisonEventException("incident event without " + field);
            }
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            if (required) {
                throw new PoisonEventException(field + " is not a UUID: " + value);
            }
            return null;
        }
    }
}
