package dev.itsm.change.catalog;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Keeps the local replica of catalog-service's services, configuration items and CI relations
 * (the dependency graph conflict detection and risk assessment walk). Tolerant reader: unknown
 * types and fields are ignored; every event bumps {@code catalog_graph_version}.
 */
@ApplicationScoped
public class CatalogEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.catalog.events";

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    CatalogEventHandler(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        event.payload(); // a payload that is not a JSON object is poison, whatever the type
        Instant at = event.occurredAt(clock.instant());
        if (event.is("ServiceCreated") || event.is("ServiceUpdated") || event.is("ServiceStatusChanged")) {
            upsertService(event, at);
        } else if (event.is("ConfigurationItemChanged")) {
            upsertCi(event, at);
        } else if (event.is("CiRelationChanged")) {
            applyRelation(event, at);
        } else {
            return;
        }
        em.createNativeQuery("update catalog_graph_version set version = version + 1 where id = 1").executeUpdate();
    }

    private void upsertService(InboundEvent d, Instant at) {
        UUID id = d.requiredUuid("serviceId");
        String dependsOn = asJson(d.uuids("dependsOn"));
        em.createNativeQuery("""
                insert into catalog_service (id, key, name, status, depends_on, updated_at)
                values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6)
                on conflict (id) do update set key = excluded.key, name = excluded.name, status = excluded.status,
                    depends_on = excluded.depends_on, updated_at = excluded.updated_at
                where catalog_service.updated_at <= excluded.updated_at""")
                .setParameter(1, id).setParameter(2, d.text("key")).setParameter(3, d.text("name"))
                .setParameter(4, d.text("status")).setParameter(5, dependsOn)
                .setParameter(6, Timestamp.from(at)).executeUpdate();
    }

    private void upsertCi(InboundEvent d, Instant at) {
        UUID id = d.requiredUuid("ciId");
        boolean deleted = d.bool("deleted", false);
        em.createNativeQuery("""
                insert into catalog_ci (id, name, ci_class, environment, status, deleted, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (id) do update set name = excluded.name, ci_class = excluded.ci_class,
                    environment = excluded.environment, status = excluded.status, deleted = excluded.deleted,
                    updated_at = excluded.updated_at
                where catalog_ci.updated_at <= excluded.updated_at""")
                .setParameter(1, id).setParameter(2, d.text("name")).setParameter(3, d.text("ciClass"))
                .setParameter(4, d.text("environment")).setParameter(5, d.text("status"))
                .setParameter(6, deleted).setParameter(7, Timestamp.from(at)).executeUpdate();
        if (deleted) {
            em.createNativeQuery("delete from catalog_ci_relation where source_id = ?1 or target_id = ?1")
                    .setParameter(1, id).executeUpdate();
        }
    }

    private void applyRelation(InboundEvent d, Instant at) {
        UUID relationId = d.requiredUuid("relationId");
        String change = d.text("change");
        if ("REMOVED".equalsIgnoreCase(change)) {
            em.createNativeQuery("delete from catalog_ci_relation where relation_id = ?1").setParameter(1, relationId).executeUpdate();
            return;
        }
        String relation = d.requiredText("relation");
        em.createNativeQuery("""
                insert into catalog_ci_relation (relation_id, source_id, relation, target_type, target_id, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (relation_id) do update set source_id = excluded.source_id, relation = excluded.relation,
                    target_type = excluded.target_type, target_id = excluded.target_id, updated_at = excluded.updated_at""")
                .setParameter(1, relationId).setParameter(2, d.requiredUuid("sourceId")).setParameter(3, relation)
                .setParameter(4, d.text("targetType") == null ? "CI" : d.text("targetType"))
                .setParameter(5, d.requiredUuid("targetId"))
                .setParameter(6, Timestamp.from(at)).executeUpdate();
    }

    private String asJson(List<UUID> ids) {
        try {
            return json.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
