package dev.itsm.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.TestInfrastructure;
import dev.itsm.testing.TestTokens;
import dev.itsm.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Shared test helpers: tokens, other services' events (published like they would be), incidents, the database. */
final class Fixtures {

    static final String INCIDENT_TOPIC = "itsm.incident.events";
    static final String CATALOG_TOPIC = "itsm.catalog.events";
    static final String PROBLEM = "application/problem+json";
    static final String DATABASE = "itsm_incident";
    static final ObjectMapper JSON = new ObjectMapper();

    private static UUID sharedService;

    private Fixtures() {
    }

    static RequestSpecification as(String user, String role) {
        return given().header("Authorization", TestTokens.bearer(user, role)).contentType(ContentType.JSON);
    }

    static RequestSpecification agent() {
        return as("alice", Roles.AGENT);
    }

    static RequestSpecification reader() {
        return as("rita", Roles.READER);
    }

    // ------------------------------------------------------------------ other services' events

    static Map<String, Object> serviceFacts(UUID id, String name, String status, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("serviceId", id.toString());
        m.put("key", name.toLowerCase().replace(' ', '-'));
        m.put("name", name);
        m.put("type", "CUSTOMER_FACING");
        m.put("owner", "service-owner@example.com");
        m.put("status", status);
        m.put("dependsOn", List.of());
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    /** Publishes {@code type} for a service and waits until the replica shows {@code status}. */
    static String publishService(String type, UUID id, String name, String status) {
        String ceId = CloudEventPublisher.publish("catalog", type, id.toString(), serviceFacts(id, name, status, Instant.now()));
        awaitReplica(id, status);
        return ceId;
    }

    static void awaitReplica(UUID serviceId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from catalog_service where service_id = ? and status = ?", serviceId, status) == 1);
    }

    /** A LIVE service shared by the tests that just need one. */
    static synchronized UUID liveService() {
        if (sharedService == null) {
            UUID id = UUID.randomUUID();
            publishService("ServiceCreated", id, "Online Shop", "LIVE");
            sharedService = id;
        }
        return sharedService;
    }

    // ------------------------------------------------------------------ incidents

    static Map<String, Object> newIncident(UUID serviceId, String impact, String urgency) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Checkout fails with HTTP 502");
        m.put("description", "Every checkout attempt since 09:10");
        m.put("caller", "jane.doe@example.com");
        m.put("serviceId", serviceId.toString());
        m.put("category", "software");
        m.put("impact", impact);
        m.put("urgency", urgency);
        return m;
    }

    static String open(UUID serviceId, String impact, String urgency) {
        return open(newIncident(serviceId, impact, urgency));
    }

    static String open(Map<String, Object> body) {
        return agent().body(body).post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    static String open() {
        return open(liveService(), "MEDIUM", "MEDIUM");
    }

    static io.restassured.response.Response command(String id, String command, Map<String, Object> body) {
        RequestSpecification r = agent();
        if (body != null) {
            r = r.body(body);
        }
        return r.post("/api/v1/incidents/" + id + "/" + command);
    }

    static List<TopicReader.Received> events(String incidentId, int count) {
        return TopicReader.await(INCIDENT_TOPIC, count, Duration.ofSeconds(30), r -> incidentId.equals(r.key()));
    }

    // ------------------------------------------------------------------ database

    static long count(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
