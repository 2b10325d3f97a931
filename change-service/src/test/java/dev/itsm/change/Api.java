package dev.itsm.change;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Test helpers: callers with roles, change requests in a given state, other services' events. */
public final class Api {

    public static final String PROBLEM = "application/problem+json";
    public static final String CHANGES = "/api/v1/changes";

    /** Each test gets its own far-future day, so windows of different tests never meet. */
    private static final AtomicLong DAY = new AtomicLong(30);

    private Api() {
    }

    public static RequestSpecification as(String user, String... roles) {
        return given().header("Authorization", TestTokens.bearer(user, roles)).contentType(ContentType.JSON);
    }

    /** The requester of most changes. */
    public static RequestSpecification rita() {
        return as("rita", Roles.AGENT);
    }

    public static RequestSpecification manager() {
        return as("mia", Roles.CHANGE_MANAGER);
    }

    /** A fresh 01:00–02:00 UTC slot on a day no other test uses. */
    public static Instant freshSlot() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(DAY.getAndAdd(2))).plus(Duration.ofHours(1));
    }

    public static Map<String, Object> normal(String title, Instant start, Duration length, List<UUID> services, List<UUID> cis) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("type", "NORMAL");
        body.put("justification", "keeps the lights on");
        body.put("serviceIds", services);
        body.put("ciIds", cis);
        body.put("implementationPlan", "do it");
        body.put("backoutPlan", "undo it");
        body.put("testPlan", "check it");
        body.put("plannedStart", start.toString());
        body.put("plannedEnd", start.plus(length).toString());
        return body;
    }

    public static Map<String, Object> ofType(String type, String title, Instant start, Duration length, List<UUID> services,
            List<UUID> cis) {
        Map<String, Object> body = normal(title, start, length, services, cis);
        body.put("type", type);
        return body;
    }

    /**
     * Creates the change as rita. Services and CIs it names must be in the catalog replica
     * ({@link #service}, {@link #ci}); like any client it retries while the replica is still catching
     * up (422 unknown-service / unknown-ci, see docs/API-VOCABULARY.md).
     */
    public static JsonPath create(Map<String, Object> body) {
        return createAs(rita(), body);
    }

    public static JsonPath createAs(RequestSpecification who, Map<String, Object> body) {
        return created(who, CHANGES, body).extract().jsonPath();
    }

    /**
     * POSTs {@code body} to {@code path} (a change, model, blackout or maintenance window) and expects 201,
     * retrying while the catalog replica has not yet seen a service or CI the body names.
     */
    public static ValidatableResponse created(RequestSpecification who, String path, Object body) {
        return whileReplicaCatchesUp(() -> who.body(body).post(path)).then().statusCode(201);
    }

    /** Repeats {@code call} (for up to 30 s) while it answers 422 unknown-service / unknown-ci; the last answer. */
    public static Response whileReplicaCatchesUp(Supplier<Response> call) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = call.get();
            return !replicaCatchingUp(last[0]);
        });
        return last[0];
    }

    /** 422 unknown-service / unknown-ci: the catalog replica has not seen the id (yet). */
    public static boolean replicaCatchingUp(Response r) {
        if (r.statusCode() != 422) {
            return false;
        }
        String type = r.jsonPath().getString("type");
        return type != null && (type.endsWith("/unknown-service") || type.endsWith("/unknown-ci"));
    }

    public static JsonPath command(RequestSpecification who, String id, String command, Object body) {
        RequestSpecification r = body == null ? who : who.body(body);
        return r.post(CHANGES + "/" + id + "/" + command).then().statusCode(200).extract().jsonPath();
    }

    /** A NORMAL change that is authorised (low risk: one level, approved by carol) and ready to schedule. */
    public static String authorisedNormal(String title, Instant start, Duration length, List<UUID> services, List<UUID> cis) {
        String id = create(normal(title, start, length, services, cis)).getString("id");
        command(rita(), id, "submit", null);
        command(rita(), id, "assess", Map.of("answers", lowRisk()));
        JsonPath p = command(as("carol", Roles.CHANGE_MANAGER), id, "approve", Map.of("comment", "ok"));
        if (!"APPROVED".equals(p.getString("approvalStatus"))) {
            throw new AssertionError("expected a low-risk change approved by carol, got " + p.prettify());
        }
        return id;
    }

    /** A NORMAL change on the schedule. */
    public static String scheduledNormal(String title, Instant start, Duration length, List<UUID> services, List<UUID> cis) {
        String id = authorisedNormal(title, start, length, services, cis);
        command(rita(), id, "schedule", Map.of());
        return id;
    }

    public static Map<String, Boolean> lowRisk() {
        return Map.of("customerFacing", false, "untestedInStaging", false, "noBackout", false, "firstOfItsKind", false);
    }

    // ------------------------------------------------------------------------------ other services' events

    /** A new service in the catalog (ServiceCreated published as catalog-service would); returns its id. */
    public static UUID service(String name, UUID... dependsOn) {
        UUID id = UUID.randomUUID();
        serviceCreated(id, name, dependsOn);
        return id;
    }

    /** A new configuration item in the catalog (ConfigurationItemChanged); returns its id. */
    public static UUID ci(String name) {
        UUID id = UUID.randomUUID();
        ciChanged(id, name);
        return id;
    }

    /** Publishes ConfigurationItemChanged like catalog-service would. */
    public static void ciChanged(UUID ciId, String name) {
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ciId.toString(), """
                {"ciId":"%s","name":"%s","ciClass":"server","environment":"prod","status":"ACTIVE",
                 "attributes":{},"deleted":false,"occurredAt":"%s"}""".formatted(ciId, name, Instant.now()));
    }

    /** Publishes ConfigurationItemChanged with {@code deleted: true}, as catalog-service does when a CI is deleted. */
    public static void ciDeleted(UUID ciId, String name) {
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ciId.toString(), """
                {"ciId":"%s","name":"%s","ciClass":"server","environment":"prod","status":"RETIRED",
                 "attributes":{},"deleted":true,"occurredAt":"%s"}""".formatted(ciId, name, Instant.now()));
    }

    /** Publishes ServiceCreated like catalog-service would. */
    public static void serviceCreated(UUID serviceId, String name, UUID... dependsOn) {
        StringBuilder deps = new StringBuilder();
        for (UUID d : dependsOn) {
            deps.append(deps.isEmpty() ? "" : ",").append('"').append(d).append('"');
        }
        CloudEventPublisher.publish("catalog", "ServiceCreated", serviceId.toString(), """
                {"serviceId":"%s","key":"%s","name":"%s","type":"BUSINESS","owner":"ops","status":"LIVE",
                 "dependsOn":[%s],"occurredAt":"%s","someFutureField":{"x":1}}""".formatted(serviceId, name, name, deps, Instant.now()));
    }

    /** Publishes CiRelationChanged (ADDED) like catalog-service would: source relation target. */
    public static void relation(UUID source, String relation, String targetType, UUID target) {
        UUID id = UUID.randomUUID();
        CloudEventPublisher.publish("catalog", "CiRelationChanged", source.toString(), """
                {"relationId":"%s","sourceId":"%s","relation":"%s","targetType":"%s","targetId":"%s","change":"ADDED","occurredAt":"%s"}"""
                .formatted(id, source, relation, targetType, target, Instant.now()));
    }
}
