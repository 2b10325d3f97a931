package dev.itsm.sla;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.security.Roles;
import dev.itsm.sla.catalog.CatalogServiceReplica;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Helpers shared by the @QuarkusTest classes: tokens, incident events on the real broker (test kit publisher), agreements. */
public final class SlaTestSupport {

    public static final String PROBLEM = "application/problem+json";
    public static final String INCIDENT_TOPIC = "itsm.incident.events";
    public static final String SLA_TOPIC = "itsm.sla.events";
    public static final String REQUEST_TOPIC = "itsm.request.events";
    public static final String TWENTY_FOUR_SEVEN = "00000000-0000-0000-0000-000000000247";

    private SlaTestSupport() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("sam", Roles.SLA_ADMIN)).contentType(ContentType.JSON);
    }

    public static RequestSpecification reader() {
        return given().header("Authorization", TestTokens.bearer("rita", Roles.READER)).contentType(ContentType.JSON);
    }

    /** The facts of one incident, mutated as a test moves it along and published with each event. */
    public static final class Incident {
        public final UUID id = UUID.randomUUID();
        public final Map<String, Object> facts = new LinkedHashMap<>();

        public Incident(UUID serviceId, String priority, Instant openedAt) {
            facts.put("incidentId", id.toString());
            facts.put("number", "INC" + (1_000_000 + (int) (Math.random() * 8_000_000)));
            facts.put("title", "Mail is down");
            facts.put("serviceId", serviceId == null ? null : serviceId.toString());
            facts.put("ciId", null);
            facts.put("category", "email");
            facts.put("impact", "HIGH");
            facts.put("urgency", "HIGH");
            facts.put("priority", priority);
            facts.put("state", "NEW");
            facts.put("assignmentGroup", "Service Desk");
            facts.put("assignee", null);
            facts.put("majorIncident", false);
            facts.put("parentIncidentId", null);
            facts.put("openedAt", openedAt.toString());
        }

        public Incident set(String field, Object value) {
            facts.put(field, value);
            return this;
        }

        /** Publishes {@code type} with the current facts plus {@code extra}; returns the ce_id. */
        public String publish(String type, Instant occurredAt, Object... extra) {
            return publishWithId(UUID.randomUUID().toString(), type, occurredAt, extra);
        }

        public String publishWithId(String ceId, String type, Instant occurredAt, Object... extra) {
            Map<String, Object> payload = new LinkedHashMap<>(facts);
            for (int i = 0; i < extra.length; i += 2) {
                payload.put((String) extra[i], extra[i + 1]);
            }
            payload.put("occurredAt", occurredAt.toString());
            CloudEventPublisher.publish("incident", type, id.toString(), ceId, payload);
            return ceId;
        }
    }

    /**
     * The facts of one service request exactly as request-service's events carry them (design section 5:
     * {@code RequestFacts} flattened, plus each type's own fields), mutated as a test moves it along.
     */
    public static final class ServiceRequest {
        public final UUID id = UUID.randomUUID();
        public final Map<String, Object> facts = new LinkedHashMap<>();
        private long version;

        public ServiceRequest(UUID offeringId, List<UUID> serviceIds, Instant submittedAt) {
            facts.put("requestId", id.toString());
            facts.put("number", "REQ" + (1_000_000 + (int) (Math.random() * 8_000_000)));
            facts.put("offeringId", offeringId.toString());
            facts.put("offeringName", "Laptop with VPN access");
            facts.put("serviceIds", serviceIds.stream().map(UUID::toString).toList());
            facts.put("organisationId", UUID.randomUUID().toString());
            facts.put("relationshipId", UUID.randomUUID().toString());
            facts.put("requestedBy", "rhea");
            facts.put("requestedFor", "rhea");
            facts.put("state", "SUBMITTED");
            facts.put("approvalStatus", "PENDING");
            facts.put("awaitingRequester", false);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("itemId", UUID.randomUUID().toString());
            item.put("componentKey", "goods-1");
            item.put("kind", "GOODS");
            item.put("description", "Laptop");
            item.put("state", "PENDING");
            item.put("fulfilmentGroup", "Workplace Services");
            facts.put("items", List.of(item));
            facts.put("cost", Map.of("amount", 1299.00, "currency", "EUR", "period", "ONE_OFF"));
            facts.put("submittedAt", submittedAt.toString());
            facts.put("approvedAt", null);
            facts.put("fulfilledAt", null);
            facts.put("closedAt", null);
        }

        public ServiceRequest set(String field, Object value) {
            facts.put(field, value);
            return this;
        }

        /** Publishes {@code type} (next version) with the current facts plus {@code extra}; returns the ce_id. */
        public String publish(String type, Instant occurredAt, Object... extra) {
            return publishWithId(UUID.randomUUID().toString(), type, occurredAt, extra);
        }

        public String publishWithId(String ceId, String type, Instant occurredAt, Object... extra) {
            Map<String, Object> payload = new LinkedHashMap<>(facts);
            payload.put("version", version++);
            payload.put("occurredAt", occurredAt.toString());
            for (int i = 0; i < extra.length; i += 2) {
                payload.put((String) extra[i], extra[i + 1]);
            }
            CloudEventPublisher.publish("request", type, id.toString(), ceId, payload);
            return ceId;
        }
    }

    /** Creates a REQUEST agreement with this scope ({@code offeringIds}, {@code serviceIds}) and returns its id. */
    public static String requestAgreement(String name, List<UUID> offeringIds, List<UUID> serviceIds, List<Map<String, Object>> targets) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "SLA");
        body.put("recordKind", "REQUEST");
        body.put("scope", Map.of("allServices", false, "serviceIds", serviceIds.stream().map(UUID::toString).toList(),
                "offeringIds", offeringIds.stream().map(UUID::toString).toList()));
        body.put("calendarId", TWENTY_FOUR_SEVEN);
        body.put("targets", targets);
        return admin().body(body).post("/api/v1/sla/agreements").then().statusCode(201).extract().path("id");
    }

    /** A REQUEST agreement target: no priority. */
    public static Map<String, Object> requestTarget(String metric, String duration) {
        return Map.of("metric", metric, "duration", duration);
    }

    /**
     * A new LIVE service, published as catalog-service's {@code ServiceCreated}; returns once sla-service's
     * catalogue replica knows it, since agreements may only scope services the catalogue knows.
     */
    public static UUID knownService() {
        UUID id = UUID.randomUUID();
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("serviceId", id.toString());
        service.put("key", "svc-" + id.toString().substring(0, 8));
        service.put("name", "Service " + id);
        service.put("type", "BUSINESS");
        service.put("owner", "Service owner");
        service.put("status", "LIVE");
        service.put("dependsOn", List.of());
        service.put("occurredAt", Instant.now().toString());
        CloudEventPublisher.publish("catalog", "ServiceCreated", id.toString(), service);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> CatalogServiceReplica.unknownAmong(List.of(id)).isEmpty()));
        return id;
    }

    /** Creates an agreement scoped to one service (which the catalogue replica must know) and returns its id. */
    public static String agreement(String name, UUID serviceId, String calendarId, List<Map<String, Object>> targets,
            Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "SLA");
        body.put("scope", Map.of("allServices", false, "serviceIds", List.of(serviceId.toString())));
        body.put("calendarId", calendarId);
        body.put("targets", targets);
        body.putAll(more);
        return admin().body(body).post("/api/v1/sla/agreements").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> target(String metric, String priority, String duration) {
        return Map.of("metric", metric, "priority", priority, "duration", duration);
    }
}
