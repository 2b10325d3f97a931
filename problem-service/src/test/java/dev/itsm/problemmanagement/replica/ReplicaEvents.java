package dev.itsm.problemmanagement.replica;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestInfrastructure;

/**
 * Other services' events as they publish them (full facts, CloudEvents through Kafka), and the database as the tests
 * look at it. Used by the replica and candidate tests.
 */
public final class ReplicaEvents {

    public static final String DATABASE = "itsm_problem";
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private ReplicaEvents() {
    }

    /** Now on the services' clock (tests may move it). */
    public static Instant now() {
        return TestClock.INSTANCE.instant();
    }

    // ------------------------------------------------------------------ incidents

    /** IncidentFacts as incident-service publishes them. */
    public static Map<String, Object> incidentFacts(UUID incidentId, String number, String state, UUID serviceId, UUID ciId,
            Instant openedAt, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("incidentId", incidentId.toString());
        m.put("number", number);
        m.put("title", "Checkout fails with HTTP 502");
        m.put("description", "Every checkout attempt since 09:10");
        m.put("serviceId", serviceId == null ? null : serviceId.toString());
        m.put("ciId", ciId == null ? null : ciId.toString());
        m.put("category", "software");
        m.put("impact", "MEDIUM");
        m.put("urgency", "HIGH");
        m.put("priority", "P2");
        m.put("state", state);
        m.put("assignmentGroup", null);
        m.put("assignee", null);
        m.put("majorIncident", false);
        m.put("parentIncidentId", null);
        m.put("linkedChangeIds", List.of());
        m.put("openedAt", openedAt.toString());
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    /** Publishes IncidentOpened for a new incident opened at {@code openedAt}; returns its id. */
    public static UUID openIncident(UUID serviceId, UUID ciId, Instant openedAt) {
        UUID id = UUID.randomUUID();
        String number = "INC" + (1_000_000 + Math.floorMod(id.getLeastSignificantBits(), 8_999_999));
        CloudEventPublisher.publish("incident", "IncidentOpened", id.toString(),
                incidentFacts(id, number, "NEW", serviceId, ciId, openedAt, openedAt));
        return id;
    }

    /** Opens {@code n} incidents now and waits until the replica has them all. */
    public static List<UUID> openIncidents(int n, UUID serviceId, UUID ciId) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(openIncident(serviceId, ciId, now()));
        }
        awaitIncidents(ids);
        return ids;
    }

    public static void awaitIncidents(List<UUID> ids) {
        for (UUID id : ids) {
            await().atMost(PATIENCE).until(() -> count("select count(*) from incident_replica where incident_id = ?", id) == 1);
        }
    }

    // ------------------------------------------------------------------ changes

    /** ChangeFacts as change-service publishes them. */
    public static Map<String, Object> changeFacts(UUID changeId, String number, String state, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("changeId", changeId.toString());
        m.put("number", number);
        m.put("title", "Raise the gateway's connection pool");
        m.put("type", "NORMAL");
        m.put("state", state);
        m.put("risk", "LOW");
        m.put("approvalStatus", "APPROVED");
        m.put("modelId", null);
        m.put("serviceIds", List.of());
        m.put("ciIds", List.of());
        m.put("plannedStart", null);
        m.put("plannedEnd", null);
        m.put("requestedBy", "carol");
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    // ------------------------------------------------------------------ catalogue

    public static Map<String, Object> ciFacts(UUID ciId, String name, boolean deleted, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("ciId", ciId.toString());
        m.put("name", name);
        m.put("ciClass", "server");
        m.put("environment", "production");
        m.put("state", "OPERATIONAL");
        m.put("status", "OPERATIONAL");
        m.put("attributes", Map.of());
        m.put("deleted", deleted);
        m.put("changedFields", List.of());
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    public static Map<String, Object> relationFacts(UUID relationId, UUID sourceId, String relation, String targetType,
            UUID targetId, String change, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("relationId", relationId.toString());
        m.put("sourceId", sourceId.toString());
        m.put("relation", relation);
        m.put("targetType", targetType);
        m.put("targetId", targetId.toString());
        m.put("change", change);
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    /** Publishes a CI and {@code source depends_on target} relations, waiting until the replica has them. */
    public static void dependsOn(UUID source, UUID target) {
        UUID relationId = UUID.randomUUID();
        CloudEventPublisher.publish("catalog", "CiRelationChanged", source.toString(),
                relationFacts(relationId, source, "depends_on", "CI", target, "ADDED", now()));
        await().atMost(PATIENCE).until(() -> count("select count(*) from catalog_ci_relation where relation_id = ?", relationId) == 1);
    }

    public static void ci(UUID ciId, String name) {
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ciId.toString(), ciFacts(ciId, name, false, now()));
        await().atMost(PATIENCE).until(() -> count("select count(*) from catalog_ci where id = ?", ciId) == 1);
    }

    // ------------------------------------------------------------------ database

    /** Waits until the consumer has taken the event (applied or ignored it). */
    public static void awaitProcessed(String eventId) {
        await().atMost(PATIENCE).until(() -> count("select count(*) from processed_event where event_id = ?", eventId) >= 1);
    }

    public static long count(String sql, Object... args) {
        Object v = value(sql, args);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public static String text(String sql, Object... args) {
        Object v = value(sql, args);
        return v == null ? null : v.toString();
    }

    public static Object value(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
