package dev.itsm.change.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Consumes {@code itsm.incident.events}: keeps the incident facts changes show at review, and links
 * incidents to changes. An incident opened on a service or CI that a change is implementing (or
 * finished implementing within {@link #SUSPECT_WINDOW}) is linked as CAUSED_BY (source EVENT), the
 * usual first suspect; {@code causedByChangeId} / {@code resolvedByChangeId} in a payload (optional,
 * read tolerantly) link explicitly, and the incident's own {@code linkedChangeIds} are mirrored here
 * (see {@link #applyLinkedChanges}). Every link that changes something is published by {@link IncidentLinks}.
 */
@ApplicationScoped
public class IncidentEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.incident.events";
    static final Duration SUSPECT_WINDOW = Duration.ofHours(24);

    private final EntityManager em;
    private final IncidentLinks links;
    private final Clock clock;

    IncidentEventHandler(EntityManager em, IncidentLinks links, Clock clock) {
        this.em = em;
        this.links = links;
        this.clock = clock;
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
        UUID incidentId = event.requiredUuid("incidentId");
        Instant at = event.occurredAt(clock.instant());
        Instant openedAt = event.instant("openedAt");
        em.createNativeQuery("""
                insert into incident_ref (incident_id, number, title, state, priority, service_id, ci_id, opened_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (incident_id) do update set number = excluded.number, title = excluded.title,
                    state = excluded.state, priority = excluded.priority, service_id = excluded.service_id,
                    ci_id = excluded.ci_id, opened_at = excluded.opened_at, updated_at = excluded.updated_at
                where incident_ref.updated_at <= excluded.updated_at""")
                .setParameter(1, incidentId).setParameter(2, event.text("number")).setParameter(3, event.text("title"))
                .setParameter(4, event.text("state")).setParameter(5, event.text("priority"))
                .setParameter(6, event.uuid("serviceId")).setParameter(7, event.uuid("ciId"))
                .setParameter(8, openedAt == null ? null : Timestamp.from(openedAt))
                .setParameter(9, Timestamp.from(at)).executeUpdate();

        linkExplicit(event.uuid("causedByChangeId"), incidentId, "CAUSED_BY", at);
        linkExplicit(event.uuid("resolvedByChangeId"), incidentId, "RESOLVED_BY", at);
        if (event.is("IncidentOpened")) {
            linkSuspects(incidentId, event.uuid("serviceId"), event.uuid("ciId"), at);
        }
        applyLinkedChanges(event, incidentId, at);
    }

    /**
     * The incident's own links ({@code linkedChangeIds}) made visible here: each change of ours in the
     * list gets a link (relation CAUSED_BY, source EVENT) and links of ours to the incident that the list
     * lacks are removed; IncidentLinks announces only what changed, so incident-service's echo of our
     * own ChangeIncidentLinked ends the exchange. Applied only from an event that says the list changed
     * (IncidentUpdated naming it in changedFields, or the list an incident is opened with): every incident
     * event carries the list, and one written before incident-service saw our latest link would
     * otherwise undo it. For the same reason a link or unlink here that is newer than the event wins.
     */
    private void applyLinkedChanges(InboundEvent event, UUID incidentId, Instant at) {
        JsonNode list = event.payload().path("linkedChangeIds");
        boolean opened = event.is("IncidentOpened");
        if (!list.isArray() || !(opened || names(event.payload().path("changedFields"), "linkedChangeIds"))) {
            return;
        }
        Set<UUID> listed = new HashSet<>();
        for (JsonNode entry : list) {
            uuidIfValid(entry.asText()).ifPresent(listed::add); // an id that is not a UUID cannot be a change of ours
        }
        for (UUID changeId : ours(listed)) {
            boolean unlinkedLater = links.unlinkedAt(changeId, incidentId).filter(unlinked -> unlinked.isAfter(at)).isPresent();
            if (!unlinkedLater && !links.changesLinkedTo(incidentId).containsKey(changeId)) {
                links.link(changeId, incidentId, "CAUSED_BY", "EVENT", null, at);
            }
        }
        if (opened) {
            return; // a new incident has nothing of ours to drop
        }
        links.changesLinkedTo(incidentId).forEach((changeId, linkedAt) -> {
            if (!listed.contains(changeId) && !linkedAt.isAfter(at)) {
                links.unlink(changeId, incidentId, at);
            }
        });
    }

    private static boolean names(JsonNode fields, String field) {
        for (JsonNode f : fields) {
            if (field.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<UUID> uuidIfValid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private Set<UUID> ours(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createNativeQuery("select id from change_request where id in (:ids)").setParameter("ids", ids)
                .getResultList());
    }

    private void linkExplicit(UUID changeId, UUID incidentId, String relation, Instant at) {
        if (changeId != null && exists(changeId)) {
            links.link(changeId, incidentId, relation, "EVENT", null, at);
        }
    }

    @SuppressWarnings("unchecked")
    private void linkSuspects(UUID incidentId, UUID serviceId, UUID ciId, Instant at) {
        List<String> items = new ArrayList<>();
        if (serviceId != null) {
            items.add("[\"" + serviceId + "\"]");
        }
        if (ciId != null) {
            items.add("[\"" + ciId + "\"]");
        }
        for (String item : items) {
            List<UUID> changes = em.createNativeQuery("""
                    select id from change_request
                    where (state = 'IMPLEMENT' or (state in ('REVIEW', 'CLOSED') and actual_end > ?1))
                      and (service_ids @> cast(?2 as jsonb) or ci_ids @> cast(?2 as jsonb))""")
                    .setParameter(1, Timestamp.from(at.minus(SUSPECT_WINDOW)))
                    .setParameter(2, item)
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
}
