package dev.itsm.change.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.change.JsonColumns;
import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import dev.itsm.platform.events.PoisonEventException;
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

    CatalogEventHandler(EntityManager em) {
        this.em = em;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        JsonNode d = event.data();
        if (d == null || !d.isObject()) {
            throw new PoisonEventException("catalog event " + event.id() + " has no JSON object payload");
        }
        Instant at = event.time() != null ? event.time() : Instant.now();
        if (event.is("ServiceCreated") || event.is("ServiceUpdated") || event.is("ServiceStatusChanged")) {
            upsertService(d, at);
        } else if (event.is("ConfigurationItemChanged")) {
            upsertCi(d, at);
        } else if (event.is("CiRelationChanged")) {
            applyRelation(d, at);
        } else {
            return;
        }
        em.createNativeQuery("update catalog_graph_version set version = version + 1 where id = 1").executeUpdate();
    }

    private void upsertService(JsonNode d, Instant at) {
        UUID id = uuid(d, "serviceId");
        List<UUID> dependsOn = new ArrayList<>();
        for (JsonNode n : d.path("dependsOn")) {
            dependsOn.add(parse(n.asText(), "dependsOn"));
        }
        em.createNativeQuery("""
                insert into catalog_service (id, key, name, status, depends_on, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (id) do update set key = excluded.key, name = excluded.name, status = excluded.status,
                    depends_on = excluded.depends_on, updated_at = excluded.updated_at
                where catalog_service.updated_at <= excluded.updated_at""")
                .setParameter(1, id).setParameter(2, text(d, "key")).setParameter(3, text(d, "name"))
                .setParameter(4, text(d, "status")).setParameter(5, JsonColumns.write(dependsOn))
                .setParameter(6, Timestamp.from(at)).executeUpdate();
    }

    private void upsertCi(JsonNode d, Instant at) {
        UUID id = uuid(d, "ciId");
        em.createNativeQuery("""
                insert into catalog_ci (id, name, ci_class, environment, status, deleted, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (id) do update set name = excluded.name, ci_class = excluded.ci_class,
                    environment = excluded.environment, status = excluded.status, deleted = excluded.deleted,
                    updated_at = excluded.updated_at
                where catalog_ci.updated_at <= excluded.updated_at""")
                .setParameter(1, id).setParameter(2, text(d, "name")).setParameter(3, text(d, "ciClass"))
                .setParameter(4, text(d, "environment")).setParameter(5, text(d, "status"))
                .setParameter(6, d.path("deleted").asBoolean(false)).setParameter(7, Timestamp.from(at)).executeUpdate();
        if (d.path("deleted").asBoolean(false)) {
            em.createNativeQuery("delete from catalog_ci_relation where source_id = ?1 or target_id = ?1")
                    .setParameter(1, id).executeUpdate();
        }
    }

    private void applyRelation(JsonNode d, Instant at) {
        UUID relationId = uuid(d, "relationId");
        String change = text(d, "change");
        if ("REMOVED".equalsIgnoreCase(change)) {
            em.createNativeQuery("delete from catalog_ci_relation where relation_id = ?1").setParameter(1, relationId).executeUpdate();
            return;
        }
        String relation = text(d, "relation");
        if (relation == null) {
            throw new PoisonEventException("CiRelationChanged without relation");
        }
        em.createNativeQuery("""
                insert into catalog_ci_relation (relation_id, source_id, relation, target_type, target_id, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (relation_id) do update set source_id = excluded.source_id, relation = excluded.relation,
                    target_type = excluded.target_type, target_id = excluded.target_id, updated_at = excluded.updated_at""")
                .setParameter(1, relationId).setParameter(2, uuid(d, "sourceId")).setParameter(3, relation)
                .setParameter(4, d.path("targetType").asText("CI")).setParameter(5, uuid(d, "targetId"))
                .setParameter(6, Timestamp.from(at)).executeUpdate();
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static UUID uuid(JsonNode d, String field) {
        String value = text(d, field);
        if (value == null) {
            throw new PoisonEventException("catalog event without " + field);
        }
        return parse(value, field);
    }

    private static UUID parse(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(field + " is not a UUID: " + value);
        }
    }
}
