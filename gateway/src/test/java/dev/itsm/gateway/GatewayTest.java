package dev.itsm.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The gateway in front of real HTTP servers ({@link FakeServices}): routing, forwarded headers,
 * Location/Link rewriting, the auth matrix, failure handling, streaming and the body limit.
 */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class GatewayTest {

    static final String READER = Tokens.bearer("rita", "itsm-reader");
    static final String AGENT = Tokens.bearer("alice", "itsm-agent");
    static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URI gateway;

    @ConfigProperty(name = "gateway.upstreams.catalog.url")
    String catalogUrl;

    String origin() {
        return "http://localhost:" + gateway.getPort();
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/incidents, incident",
            "/api/v1/incidents/7c1e?fields=a%20b, incident",
            "/api/v1/changes/calendar?from=2026-01-01, change",
            "/api/v1/catalog/services/1/impact, catalog",
            "/api/v1/sla/timers?incidentId=1, sla",
            "/api/v1/problems/known-errors?ciId=1&q=disk, problem",
            "/api/v1/requests/tasks?assignmentGroup=desk&state=OPEN, request",
            "/api/v1/monitoring/alert-groups?state=OPEN&major=true, monitoring",
            "/api/v1/webhooks/subscriptions/7c1e/deliveries?state=DEAD, webhook" })
    void routesEachPrefixToItsService(String uri, String service) {
        given().header("Authorization", READER)
                .urlEncodingEnabled(false)
                .when().get(uri)
                .then().statusCode(200)
                .body("service", equalTo(service))
                .body("method", equalTo("GET"))
                .body("uri", equalTo(uri));
    }

    @Test
    void aPathNoServiceServesIsAProblem404() {
        given().header("Authorization", READER)
                .when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/not-found"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/nothing-here"));
    }

    @Test
    void prefixesMatchWholeSegmentsOnly() {
        given().header("Authorization", READER)
                .when().get("/api/v1/incidentsXYZ")
                .then().statusCode(404);
    }

    @Test
    void forwardsTokenTraceAndClientFactsButNotHopByHopHeaders() {
        Response response = given()
                .header("Authorization", READER)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("X-Custom", "kept")
                .when().get("/api/v1/incidents")
                .then().statusCode(200)
                .body("headers.authorization", equalTo(READER))
                .body("headers.traceparent", equalTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .body("headers.x-custom", equalTo("kept"))
                .body("headers", not(hasKey("proxy-authorization")))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", equalTo("localhost:" + gateway.getPort()))
                .body("headers.x-forwarded-port", equalTo(String.valueOf(gateway.getPort())))
                .body("headers.forwarded", equalTo("for=127.0.0.1;proto=http;host=\"localhost:" + gateway.getPort() + "\""))
                .body("headers.host", startsWith("127.0.0.1:"))
                .extract().response();
        String requestId = response.header("X-Request-Id");
        assertTrue(requestId.matches("[0-9a-f-]{36}"), requestId);
        assertEquals(requestId, response.path("headers.x-request-id"));
        assertEquals(List.of(requestId), response.headers().getValues("X-Request-Id"));
    }

    @Test
    void keepsTheCallersRequestIdAndAppendsToAnExistingForwardedChain() {
        given().header("Authorization", READER)
                .header("X-Request-Id", "caller-chosen-1")
                .header("X-Forwarded-For", "203.0.113.9")
                .when().get("/api/v1/changes")
                .then().statusCode(200)
                .header("X-Request-Id", "caller-chosen-1")
                .body("headers.x-request-id", equalTo("caller-chosen-1"))
                .body("headers.x-forwarded-for", equalTo("203.0.113.9, 127.0.0.1"));
    }

    @Test
    void everyResponseCarriesARequestIdEvenOutsideTheApi() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void rewritesLocationAndLinkToTheGatewayAndDropsHopByHopResponseHeaders() {
        given().header("Authorization", AGENT)
                .when().post("/api/v1/incidents/created")
                .then().statusCode(201)
                .header("Location", origin() + "/api/v1/incidents/42")
                .header("Link", equalTo("<" + origin() + "/api/v1/incidents?page=1>; rel=\"next\", <" + origin()
                        + "/api/v1/incidents?page=0>; rel=\"first\""))
                .header("Keep-Alive", nullValue());
    }

    // ------------------------------------------------------------------ authentication

    @Test
    void noTokenIs401Problem() {
        given().when().get("/api/v1/incidents")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("https://itsm.dev/problems/unauthorized"))
                .body("title", equalTo("Unauthorized"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/incidents"));
    }

    @ParameterizedTest
    @CsvSource({ "expired", "stranger", "tampered", "unsigned", "issuer", "audience", "no-audience", "too-old", "garbage",
            "basic" })
    void unacceptableTokensAre401Problems(String kind) throws Exception {
        String authorization = switch (kind) {
            case "expired" -> "Bearer " + Tokens.expired("eve", "itsm-admin");
            case "stranger" -> "Bearer " + Tokens.signedByStranger("eve", "itsm-admin");
            case "tampered" -> "Bearer " + Tokens.tampered("eve", "itsm-admin");
            case "unsigned" -> "Bearer " + Tokens.unsigned("eve", "itsm-admin");
            case "issuer" -> "Bearer " + Tokens.fromOtherIssuer("eve", "itsm-admin");
            case "audience" -> "Bearer " + Tokens.forAudience("another-client", "eve", "itsm-admin");
            case "no-audience" -> "Bearer " + Tokens.withoutAudience("eve", "itsm-admin");
            case "too-old" -> "Bearer " + Tokens.issuedLongAgo("eve", "itsm-admin");
            case "garbage" -> "Bearer not.a.jwt";
            default -> "Basic ZXZlOnNlY3JldA==";
        };
        given().header("Authorization", authorization)
                .when().get("/api/v1/incidents")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/unauthorized"));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItReachesTheMaximumAge() {
        // the gateway remembers verified tokens: it must forget one at the end of its maximum age, not at its exp
        String authorization = "Bearer " + Tokens.reachingMaximumAgeIn(2, "ageing", "itsm-reader");
        given().header("Authorization", authorization).when().get("/api/v1/incidents").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().header("Authorization", authorization).when().get("/api/v1/incidents").then().statusCode(401));
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @CsvSource({
            // reads: any ITSM role
            "GET,    /api/v1/incidents,                itsm-reader,         200",
            "GET,    /api/v1/changes,                  itsm-catalog-admin,  200",
            "GET,    /api/v1/catalog/services,         itsm-sla-admin,      200",
            "GET,    /api/v1/sla/agreements,           itsm-agent,          200",
            "GET,    /api/v1/incidents,                not-an-itsm-role,    403",
            // incidents: agents work them
            "POST,   /api/v1/incidents,                itsm-agent,          200",
            "POST,   /api/v1/incidents/1/resolve,      itsm-agent,          200",
            "PATCH,  /api/v1/incidents/1,              itsm-agent,          200",
            "POST,   /api/v1/incidents,                itsm-reader,         403",
            "POST,   /api/v1/incidents,                itsm-change-manager, 403",
            "DELETE, /api/v1/incidents/1,              itsm-catalog-admin,  403",
            "POST,   /api/v1/incidents,                itsm-admin,          200",
            // changes: agents and change managers raise and work them, only change managers approve/reject
            "POST,   /api/v1/changes,                  itsm-agent,          200",
            "POST,   /api/v1/changes/1/submit,         itsm-change-manager, 200",
            "POST,   /api/v1/changes/1/approve,        itsm-change-manager, 200",
            "POST,   /api/v1/changes/1/reject,         itsm-change-manager, 200",
            "POST,   /api/v1/changes/1/approve,        itsm-agent,          403",
            "POST,   /api/v1/changes/1/reject,         itsm-agent,          403",
            "POST,   /api/v1/changes/1/approve,        itsm-admin,          200",
            "POST,   /api/v1/changes,                  itsm-reader,         403",
            // an operation the service's document does not name: forwarded, the service decides
            "POST,   /api/v1/changes/1/explode,        itsm-reader,         200",
            // catalog: catalog admins
            "POST,   /api/v1/catalog/services,         itsm-catalog-admin,  200",
            "PUT,    /api/v1/catalog/services/1,       itsm-catalog-admin,  200",
            "POST,   /api/v1/catalog/services,         itsm-agent,          403",
            "DELETE, /api/v1/catalog/services/1,       itsm-sla-admin,      403",
            // sla: SLA admins
            "POST,   /api/v1/sla/agreements,           itsm-sla-admin,      200",
            "PATCH,  /api/v1/sla/agreements/1,         itsm-catalog-admin,  403",
            "POST,   /api/v1/sla/agreements,           itsm-agent,          403",
            "DELETE, /api/v1/sla/agreements/1,         itsm-admin,          200",
            // webhooks: integration admins (and admins) only, reads too — subscriptions name outbound URLs
            "POST,   /api/v1/webhooks/subscriptions,   itsm-integration-admin, 200",
            "GET,    /api/v1/webhooks/subscriptions,   itsm-integration-admin, 200",
            "POST,   /api/v1/webhooks/subscriptions/1/rotate-secret, itsm-integration-admin, 200",
            "DELETE, /api/v1/webhooks/subscriptions/1, itsm-admin,          200",
            "GET,    /api/v1/webhooks/subscriptions,   itsm-reader,         403",
            "GET,    /api/v1/webhooks/subscriptions/1, itsm-agent,          403",
            "POST,   /api/v1/webhooks/subscriptions,   itsm-catalog-admin,  403",
            "PATCH,  /api/v1/webhooks/subscriptions/1, itsm-sla-admin,      403",
            // an integration admin has no other administrative right
            "POST,   /api/v1/catalog/services,         itsm-integration-admin, 403",
            "POST,   /api/v1/incidents,                itsm-integration-admin, 403",
            // problems: agents log them, start the analysis and link incidents; the problem manager owns the rest
            "GET,    /api/v1/problems,                 itsm-reader,         200",
            "POST,   /api/v1/problems,                 itsm-agent,          200",
            "POST,   /api/v1/problems/1/start-analysis, itsm-agent,         200",
            "POST,   /api/v1/problems/1/incidents,     itsm-agent,          200",
            "POST,   /api/v1/problems/candidates/1/accept, itsm-agent,      200",
            "POST,   /api/v1/problems/1/record-root-cause, itsm-agent,      403",
            "POST,   /api/v1/problems/1/publish-known-error, itsm-agent,    403",
            "POST,   /api/v1/problems/1/close,         itsm-agent,          403",
            "POST,   /api/v1/problems,                 itsm-reader,         403",
            "POST,   /api/v1/problems/1/record-root-cause, itsm-problem-manager, 200",
            "POST,   /api/v1/problems/1/publish-known-error, itsm-problem-manager, 200",
            "POST,   /api/v1/problems/1/propose-fix,   itsm-problem-manager, 200",
            "POST,   /api/v1/problems/1/close,         itsm-admin,          200",
            "POST,   /api/v1/problems/1/close,         itsm-change-manager, 403",
            "GET,    /api/v1/problems/known-errors,    itsm-problem-manager, 200",
            "GET,    /api/v1/problems/known-errors,    itsm-catalog-admin,  403",
            // a problem manager has no other service's write rights
            "POST,   /api/v1/incidents,                itsm-problem-manager, 403",
            "POST,   /api/v1/changes/1/approve,        itsm-problem-manager, 403",
            // requests: requesters order and act on their own (which ones is the service's object-level check)
            "POST,   /api/v1/requests,                 itsm-requester,      200",
            "GET,    /api/v1/requests,                 itsm-requester,      200",
            "GET,    /api/v1/requests/1,               itsm-requester,      200",
            "GET,    /api/v1/requests/1/grants,        itsm-requester,      200",
            "POST,   /api/v1/requests/1/cancel,        itsm-requester,      200",
            "POST,   /api/v1/requests/1/provide-info,  itsm-requester,      200",
            "POST,   /api/v1/requests/1/close,         itsm-requester,      200",
            "POST,   /api/v1/requests/1/approve,       itsm-requester,      200",
            // … but not the fulfilment side: queues, task commands, the access review, asking for information
            "GET,    /api/v1/requests/tasks,           itsm-requester,      403",
            "GET,    /api/v1/requests/tasks/1,         itsm-requester,      403",
            "POST,   /api/v1/requests/tasks/1/complete, itsm-requester,     403",
            "GET,    /api/v1/requests/grants,          itsm-requester,      403",
            "POST,   /api/v1/requests/1/request-info,  itsm-requester,      403",
            "POST,   /api/v1/requests/1/grants/1/revoke, itsm-requester,    403",
            "GET,    /api/v1/requests/admin/dead-letters, itsm-requester,   403",
            // agents fulfil; readers read; an approver may hold any role
            "GET,    /api/v1/requests/tasks,           itsm-agent,          200",
            "POST,   /api/v1/requests/tasks/1/start,   itsm-agent,          200",
            "POST,   /api/v1/requests/tasks/1/complete, itsm-agent,         200",
            "POST,   /api/v1/requests/1/request-info,  itsm-agent,          200",
            "GET,    /api/v1/requests/grants,          itsm-agent,          200",
            "POST,   /api/v1/requests,                 itsm-agent,          200",
            "POST,   /api/v1/requests,                 itsm-reader,         403",
            "POST,   /api/v1/requests/tasks/1/complete, itsm-reader,        403",
            "POST,   /api/v1/requests/1/approve,       itsm-change-manager, 200",
            "GET,    /api/v1/requests/admin/dead-letters, itsm-admin,       200",
            // a requester reads the offerings and their forms, and nothing else of the suite
            "GET,    /api/v1/catalog/offerings,        itsm-requester,      200",
            "GET,    /api/v1/catalog/offerings/1,      itsm-requester,      200",
            "GET,    /api/v1/catalog/offerings/1/form, itsm-requester,      200",
            "POST,   /api/v1/catalog/offerings,        itsm-requester,      403",
            "PATCH,  /api/v1/catalog/offerings/1,      itsm-requester,      403",
            "GET,    /api/v1/catalog/services,         itsm-requester,      403",
            "GET,    /api/v1/catalog/consumer-organisations, itsm-requester, 403",
            "PUT,    /api/v1/catalog/consumer-organisations/1/people/ann, itsm-requester, 403",
            "GET,    /api/v1/catalog/service-relationships, itsm-requester, 403",
            "GET,    /api/v1/catalog/offerings/1/form, itsm-reader,         200",
            "GET,    /api/v1/incidents,                itsm-requester,      403",
            "POST,   /api/v1/incidents,                itsm-requester,      403",
            "GET,    /api/v1/changes,                  itsm-requester,      403",
            "GET,    /api/v1/problems,                 itsm-requester,      403",
            "GET,    /api/v1/sla/agreements,           itsm-requester,      403",
            "GET,    /api/v1/webhooks/subscriptions,   itsm-requester,      403",
            // monitoring: a monitoring tool's token posts alerts to the two intake operations and nothing else
            "POST,   /api/v1/monitoring/alertmanager,  itsm-event-source,   200",
            "POST,   /api/v1/monitoring/events,        itsm-event-source,   200",
            "GET,    /api/v1/monitoring/alerts,        itsm-event-source,   403",
            "GET,    /api/v1/monitoring/alerts/1,      itsm-event-source,   403",
            "POST,   /api/v1/monitoring/alerts/1/acknowledge, itsm-event-source, 403",
            "POST,   /api/v1/monitoring/alerts/1/suppress, itsm-event-source, 403",
            "GET,    /api/v1/monitoring/alert-groups,  itsm-event-source,   403",
            "GET,    /api/v1/monitoring/rules,         itsm-event-source,   403",
            "POST,   /api/v1/monitoring/rules,         itsm-event-source,   403",
            "PUT,    /api/v1/monitoring/rules/1,       itsm-event-source,   403",
            "GET,    /api/v1/monitoring/admin/intake,  itsm-event-source,   403",
            "GET,    /api/v1/incidents,                itsm-event-source,   403",
            "POST,   /api/v1/incidents,                itsm-event-source,   403",
            "GET,    /api/v1/changes,                  itsm-event-source,   403",
            "GET,    /api/v1/catalog/services,         itsm-event-source,   403",
            "GET,    /api/v1/catalog/offerings,        itsm-event-source,   403",
            "GET,    /api/v1/problems,                 itsm-event-source,   403",
            "GET,    /api/v1/sla/agreements,           itsm-event-source,   403",
            "POST,   /api/v1/requests,                 itsm-event-source,   403",
            "POST,   /api/v1/requests/1/approve,       itsm-event-source,   403",
            "GET,    /api/v1/webhooks/subscriptions,   itsm-event-source,   403",
            // … and people do not post alerts (an admin may, to try the intake)
            "POST,   /api/v1/monitoring/alertmanager,  itsm-agent,          403",
            "POST,   /api/v1/monitoring/events,        itsm-integration-admin, 403",
            "POST,   /api/v1/monitoring/events,        itsm-reader,         403",
            "POST,   /api/v1/monitoring/alertmanager,  itsm-admin,          200",
            // agents work alerts, readers read them; alert rules are integration admins' (and admins')
            "GET,    /api/v1/monitoring/alerts,        itsm-reader,         200",
            "GET,    /api/v1/monitoring/alert-groups/1/alerts, itsm-reader, 200",
            "POST,   /api/v1/monitoring/alerts/1/acknowledge, itsm-reader,  403",
            "POST,   /api/v1/monitoring/alerts/1/acknowledge, itsm-agent,   200",
            "POST,   /api/v1/monitoring/alerts/1/unsuppress, itsm-agent,    200",
            "GET,    /api/v1/monitoring/rules,         itsm-agent,          200",
            "POST,   /api/v1/monitoring/rules,         itsm-agent,          403",
            "POST,   /api/v1/monitoring/rules,         itsm-integration-admin, 200",
            "PATCH,  /api/v1/monitoring/rules/1,       itsm-integration-admin, 200",
            "GET,    /api/v1/monitoring/rules/1/versions, itsm-integration-admin, 200",
            "GET,    /api/v1/monitoring/alerts,        itsm-integration-admin, 403",
            "GET,    /api/v1/monitoring/admin/intake,  itsm-agent,          403",
            "GET,    /api/v1/monitoring/admin/intake,  itsm-admin,          200",
            "GET,    /api/v1/monitoring/alerts,        itsm-requester,      403" })
    void rolesDecideWhoMayDoWhat(String method, String path, String role, int status) {
        awaitRoleRules();
        Response response = given().header("Authorization", Tokens.bearer("matrix-" + role, role))
                .contentType(ContentType.JSON).body("{}")
                .when().request(method, path)
                .then().statusCode(status)
                .extract().response();
        if (status == 403) {
            assertEquals(PROBLEM, response.contentType());
            assertEquals("https://itsm.dev/problems/forbidden", response.path("type"));
            assertEquals(path, response.path("instance"));
        } else {
            assertEquals(method, response.path("method"));
        }
    }

    /**
     * Spellings a service reads as {@code …/approve} (its router decodes unreserved characters, drops
     * {@code ;parameters}, removes dot segments and empty segments): the gateway must judge them as
     * {@code approve} and forward exactly that path.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/v1/changes/1/appro%76e",
            "/api/v1/changes/1/%61%70%70%72%6F%76%65",
            "/api/v1/changes/1/approve;x=1",
            "/api/v1/changes/1;v=2/approve",
            "/api/v1/changes/1/./approve",
            "/api/v1/changes/1/x/../approve",
            "/api/v1/changes/1/%2E/approve",
            "/api/v1/changes/1//approve",
            "/api/v1//changes/1/approve",
            "/api/v1/changes/1/approve/" })
    void commandsAreJudgedOnTheNormalisedPath(String rawPath) throws Exception {
        awaitRoleRules();
        HttpResponse<String> asAgent = post(rawPath, AGENT);
        assertEquals(403, asAgent.statusCode(), rawPath + " as an agent: " + asAgent.body());
        assertTrue(asAgent.body().contains("https://itsm.dev/problems/forbidden"), asAgent.body());

        HttpResponse<String> asManager = post(rawPath, Tokens.bearer("carl", "itsm-change-manager"));
        assertEquals(200, asManager.statusCode(), rawPath + " as a change manager: " + asManager.body());
        assertTrue(asManager.body().contains("\"uri\":\"/api/v1/changes/1/approve\""),
                "the service sees the path the gateway judged: " + asManager.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/v1/changes/1/approve%3Bx=1",
            "/api/v1/changes/1%2Fapprove",
            "/api/v1/changes/1/approve%00",
            "/api/v1/changes/1/appro%2576e",
            "/api/v1/changes/1/appro%5Cve" })
    void pathsWithoutOneClearMeaningAre400(String rawPath) throws Exception {
        HttpResponse<String> response = post(rawPath, Tokens.bearer("carl", "itsm-change-manager"));
        assertEquals(400, response.statusCode(), rawPath + ": " + response.body());
        assertTrue(response.body().contains("https://itsm.dev/problems/bad-request"), response.body());
    }

    private HttpResponse<String> post(String rawPath, String authorization) throws Exception {
        // java.net.http sends the path exactly as given: no client-side normalisation
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create(origin() + rawPath))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The role rules come from the services' OpenAPI documents, fetched after start-up: until they
     * are known the gateway forwards and lets the service decide.
     */
    static void awaitRoleRules() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> List.of(
                given().header("Authorization", READER).post("/api/v1/incidents").statusCode(),
                given().header("Authorization", AGENT).post("/api/v1/changes/1/approve").statusCode(),
                given().header("Authorization", AGENT).post("/api/v1/catalog/services").statusCode(),
                given().header("Authorization", AGENT).post("/api/v1/sla/agreements").statusCode(),
                given().header("Authorization", AGENT).post("/api/v1/webhooks/subscriptions").statusCode(),
                given().header("Authorization", AGENT).post("/api/v1/problems/1/close").statusCode(),
                given().header("Authorization", READER).post("/api/v1/requests/tasks/1/complete").statusCode(),
                given().header("Authorization", AGENT).post("/api/v1/monitoring/alertmanager").statusCode())
                .stream().allMatch(status -> status == 403));
    }

    // ------------------------------------------------------------------ rate limit headers

    @Test
    void everyApiResponseCarriesRateLimitHeaders() {
        awaitRoleRules();
        given().header("Authorization", Tokens.bearer("counted", "itsm-reader"))
                .when().get("/api/v1/sla/agreements")
                .then().statusCode(200)
                .header("X-RateLimit-Limit", "1000")
                .header("X-RateLimit-Remaining", "999")
                .header("X-RateLimit-Reset", notNullValue());
        given().when().get("/api/v1/sla/agreements")
                .then().statusCode(401)
                .header("X-RateLimit-Limit", "1000")
                .header("X-RateLimit-Remaining", notNullValue());
        given().header("Authorization", Tokens.bearer("counted", "itsm-reader"))
                .when().post("/api/v1/sla/agreements")
                .then().statusCode(403)
                .header("X-RateLimit-Limit", "1000")
                .header("X-RateLimit-Remaining", notNullValue());
    }

    // ------------------------------------------------------------------ failures

    @Test
    void anUpstreamThatIsDownIs503QuicklyAndThenTheCircuitOpens() {
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            given().header("Authorization", READER)
                    .when().get("/api/v1/down/things")
                    .then().statusCode(503)
                    .contentType(PROBLEM)
                    .body("type", equalTo("https://itsm.dev/problems/upstream-unavailable"))
                    .body("instance", equalTo("/api/v1/down/things"));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1500, "answered within the timeout");
        }
        given().header("Authorization", READER)
                .when().get("/api/v1/down/things")
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("circuit open"));
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'upstream-down' }.data.upstream", equalTo("DOWN"))
                .body("checks.find { it.name == 'upstream-down' }.data.circuit", equalTo("OPEN"));
    }

    @Test
    void anErrorAnsweredByTheServiceIsPassedThroughAndDoesNotOpenTheCircuit() {
        for (int i = 0; i < 7; i++) {
            given().header("Authorization", READER)
                    .when().get("/api/v1/sla/broken")
                    .then().statusCode(500)
                    .contentType(PROBLEM)
                    .body("type", equalTo("https://itsm.dev/problems/internal"));
        }
        given().header("Authorization", READER)
                .when().get("/api/v1/sla/agreements")
                .then().statusCode(200);
    }

    @Test
    void clientsThatHangUpWhileWaitingDoNotOpenTheCircuit() throws Exception {
        int received = FakeServices.HOLD_RECEIVED.get();
        int abandoned = FakeServices.HOLD_ABANDONED.get();
        for (int i = 1; i <= 5; i++) { // the hold upstream's circuit opens after 3 failures
            try (java.net.Socket client = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
                client.getOutputStream().write(("GET /api/v1/hold/report HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                        + READER + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                int expected = received + i;
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> FakeServices.HOLD_RECEIVED.get() >= expected);
            } // closed before the answer
            int expected = abandoned + i;
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> FakeServices.HOLD_ABANDONED.get() >= expected);
        }
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'upstream-hold' }.data.circuit", equalTo("CLOSED"));
        given().header("Authorization", READER)
                .when().get("/api/v1/hold/report")
                .then().statusCode(200)
                .body("service", equalTo("hold"));
    }

    @Test
    void headersNamedByConnectionAreNotForwarded() {
        given().header("Authorization", READER)
                .header("Connection", "keep-alive, X-Hop-Secret")
                .header("X-Hop-Secret", "for-the-gateway-only")
                .when().get("/api/v1/catalog/services")
                .then().statusCode(200)
                .body("headers", not(hasKey("x-hop-secret")));
    }

    @Test
    void requestsBeyondWhatMayWaitForAConnectionAre503OverloadedAtOnceAndNeverSent() throws Exception {
        int before = FakeServices.BUSY_RECEIVED.get();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            List<java.util.concurrent.Callable<Void>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(() -> {
                    var r = given().header("Authorization", READER).when().get("/api/v1/busy/report");
                    if (r.statusCode() == 503) {
                        r.then().contentType(PROBLEM).header("Retry-After", "1")
                                .body("type", equalTo("https://itsm.dev/problems/overloaded"));
                    }
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    return null;
                });
            }
            for (var f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(24, statuses.getOrDefault(200, 0) + statuses.getOrDefault(503, 0), "only answers and refusals: " + statuses);
        assertTrue(statuses.getOrDefault(503, 0) > 0, "some were refused: " + statuses);
        assertEquals(statuses.getOrDefault(200, 0), FakeServices.BUSY_RECEIVED.get() - before, "a refused request was never sent");
        // a busy service is not a failing one: the circuit (threshold 1 here) stayed closed
        given().header("Authorization", READER).when().get("/api/v1/busy/report").then().statusCode(200);
    }

    @Test
    void aSlowUpstreamIs504WithinItsTimeout() {
        long started = System.nanoTime();
        given().header("Authorization", READER)
                .when().get("/api/v1/slow/report")
                .then().statusCode(504)
                .contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/upstream-timeout"))
                .body("status", equalTo(504));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(millis >= 450 && millis < 2500, "504 after the 500 ms timeout, took " + millis + " ms");
    }

    @Test
    void readinessReportsEachUpstream() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.name", hasItem("upstream-incident"))
                .body("checks.name", hasItem("upstream-change"))
                .body("checks.name", hasItem("upstream-catalog"))
                .body("checks.name", hasItem("upstream-sla"))
                .body("checks.name", hasItem("upstream-webhook"))
                .body("checks.name", hasItem("upstream-problem"))
                .body("checks.name", hasItem("upstream-request"))
                .body("checks.name", hasItem("upstream-monitoring"))
                .body("checks.find { it.name == 'upstream-monitoring' }.data.prefix", equalTo("/api/v1/monitoring"))
                .body("checks.find { it.name == 'upstream-request' }.data.prefix", equalTo("/api/v1/requests"))
                .body("checks.find { it.name == 'upstream-problem' }.data.prefix", equalTo("/api/v1/problems"))
                .body("checks.find { it.name == 'upstream-webhook' }.data.prefix", equalTo("/api/v1/webhooks"))
                .body("checks.find { it.name == 'upstream-incident' }.data.upstream", equalTo("UP"))
                .body("checks.find { it.name == 'upstream-incident' }.data.prefix", equalTo("/api/v1/incidents"))
                .body("checks.find { it.name == 'upstream-down' }.data.upstream", equalTo("DOWN"));
    }

    // ------------------------------------------------------------------ several instances of a service

    /** The instance ("pair-a" or "pair-b") that served {@code method} on the pair upstream; the call must succeed. */
    static String servedBy(String method, String path) {
        return given().header("Authorization", AGENT)
                .when().request(method, "/api/v1/pair/" + path)
                .then().statusCode(200)
                .body("method", equalTo(method))
                .extract().path("service");
    }

    @Test
    void requestsAreSpreadRoundRobinOverTheInstancesOfAService() {
        Map<String, Long> served = IntStream.range(0, 10).mapToObj(i -> servedBy(i % 2 == 0 ? "GET" : "POST", "things"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(Map.of("pair-a", 5L, "pair-b", 5L), served);
    }

    @Test
    void aStoppedInstanceIsSkippedWithoutAFailedRequestAndTakesItsTurnAgainAfterARestart() {
        FakeServices.stopPairB();
        try {
            for (int i = 0; i < 6; i++) {
                // refused connections were never sent: GETs and POSTs alike go to the other instance
                assertEquals("pair-a", servedBy("GET", "things"));
                assertEquals("pair-a", servedBy("POST", "things"));
            }
            given().when().get("/q/health/ready")
                    .then().statusCode(200)
                    .body("checks.find { it.name == 'upstream-pair' }.data.upstream", equalTo("UP"))
                    .body("checks.find { it.name == 'upstream-pair' }.data.instances", equalTo("1/2"));
        } finally {
            FakeServices.startPairB();
        }
        // marked down for 1 s (down-for), then it takes its turn again
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> servedBy("GET", "things").equals("pair-b"));
        Set<String> served = IntStream.range(0, 4).mapToObj(i -> servedBy("GET", "things")).collect(Collectors.toSet());
        assertEquals(Set.of("pair-a", "pair-b"), served);
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'upstream-pair' }.data.instances", equalTo("2/2"));
    }

    @Test
    void aSafeRequestCutOffByAnInstanceIsRetriedOnTheNextButAPostIsNot() {
        int dropped = FakeServices.PAIR_B_DROPPED.get();
        // round-robin: one of two consecutive requests goes to pair-b first, which cuts it off
        assertEquals("pair-a", servedBy("GET", "drop"));
        assertEquals("pair-a", servedBy("GET", "drop"));
        assertEquals(dropped + 1, FakeServices.PAIR_B_DROPPED.get(), "one GET reached pair-b and was answered by pair-a");
        List<Integer> posts = IntStream.range(0, 2).mapToObj(i -> given().header("Authorization", AGENT)
                .when().post("/api/v1/pair/drop")
                .then().extract().statusCode()).sorted().toList();
        // a POST that reached the service may have had its effect: not sent again, 502 problem as before
        assertEquals(List.of(200, 502), posts);
        assertEquals(dropped + 2, FakeServices.PAIR_B_DROPPED.get());
    }

    // ------------------------------------------------------------------ bodies

    @Test
    void streamsA50MegabyteResponseWithoutWaitingForItsEnd() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/catalog/exports/large"))
                .header("Authorization", READER).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            int n = body.read(buffer);
            assertTrue(n > 0);
            total += n;
            // the upstream holds the rest back until told; it must still be holding now
            HttpResponse<String> released = client.send(
                    HttpRequest.newBuilder(URI.create(catalogUrl + "/_control/release"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"released\":true}", released.body(), "first bytes arrived before the upstream finished");
            while ((n = body.read(buffer)) > 0) {
                total += n;
            }
        }
        assertEquals(FakeServices.LARGE_BODY_MB * 1024L * 1024L, total);
    }

    @Test
    void streamsARequestBodyUpToTheLimit() throws Exception {
        HttpResponse<String> response = upload(12 * 1024 * 1024);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"bytes\":" + 12 * 1024 * 1024), response.body());
    }

    @Test
    void anOverlongUriIs414ProblemNotABare414() {
        given().header("Authorization", Tokens.bearer("alice", "itsm-reader"))
                .queryParam("q", "x".repeat(5000))
                .get("/api/v1/incidents")
                .then().statusCode(414).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/uri-too-long"));
    }

    @Test
    void aBodyOverTheLimitIs413Problem() throws Exception {
        HttpResponse<String> response = upload(17 * 1024 * 1024);
        assertEquals(413, response.statusCode());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("\"type\":\"https://itsm.dev/problems/payload-too-large\""), response.body());
    }

    @Test
    void aChunkedBodyGrowingOverTheLimitIs413Problem() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[17 * 1024 * 1024];
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/incidents/attachments"))
                .header("Authorization", AGENT)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(30))
                // no length: sent chunked, so only counting while streaming can catch it
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("payload-too-large"), response.body());
    }

    /**
     * Alertmanager sends a group's alerts in one webhook; monitoring-service takes up to 1 MiB. The
     * gateway's own limit is above it, so such a webhook goes through whole, and a larger one gets
     * the service's own 413 problem (which names the service's limit), not a gateway error.
     */
    @Test
    void aOneMebibyteWebhookReachesMonitoringServiceAndItsOwn413ComesBackAsAProblem() throws Exception {
        int oneMiB = (int) FakeServices.MONITORING_MAX_BODY;
        HttpResponse<String> accepted = webhook(oneMiB);
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertTrue(accepted.body().contains("\"bytes\":" + oneMiB), accepted.body());
        assertTrue(accepted.body().contains("\"service\":\"monitoring\""), accepted.body());

        HttpResponse<String> tooLarge = webhook(oneMiB + 1);
        assertEquals(413, tooLarge.statusCode());
        assertEquals(PROBLEM, tooLarge.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(tooLarge.body().contains("\"type\":\"https://itsm.dev/problems/payload-too-large\""), tooLarge.body());
        assertTrue(tooLarge.body().contains("\"service\":\"monitoring\""), "the service's answer, passed through: " + tooLarge.body());
    }

    /**
     * Beyond monitoring-service's HTTP server limit (2M, {@code gateway.upstreams.monitoring.max-body-size})
     * the service could only answer a bare 413: the gateway answers first — with the same problem type —
     * for a declared length and for a chunked body alike, while other services still take up to the
     * gateway's own limit.
     */
    @Test
    void aWebhookOverMonitoringServicesServerLimitIsTheGateways413Problem() throws Exception {
        int overServerLimit = 2 * 1024 * 1024 + 1;
        HttpResponse<String> declared = webhook(overServerLimit);
        assertEquals(413, declared.statusCode());
        assertEquals(PROBLEM, declared.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(declared.body().contains("\"type\":\"https://itsm.dev/problems/payload-too-large\""), declared.body());
        assertTrue(declared.body().contains("the monitoring service takes"), declared.body());
        assertFalse(declared.body().contains("\"service\""), "answered by the gateway: " + declared.body());

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[overServerLimit];
        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/monitoring/events"))
                .header("Authorization", Tokens.bearer("alertmanager", "itsm-event-source"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode());
        assertTrue(chunked.body().contains("payload-too-large"), chunked.body());
        assertFalse(chunked.body().contains("\"service\""), "cut off by the gateway: " + chunked.body());

        assertEquals(200, upload(overServerLimit).statusCode(), "incident-service still takes up to the gateway's limit");
    }

    private HttpResponse<String> webhook(int size) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        return client.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/monitoring/alertmanager"))
                .header("Authorization", Tokens.bearer("alertmanager", "itsm-event-source"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(int size) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/incidents/attachments"))
                .header("Authorization", AGENT)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[size])).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------ CORS

    @Test
    void corsAllowsOnlyConfiguredOrigins() {
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/incidents")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Methods", containsString("POST"));
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/incidents")
                .then().header("Access-Control-Allow-Origin", not(equalTo("*")))
                .header("Access-Control-Allow-Origin", not(equalTo("https://evil.example")));
        // a browser's actual call (Origin, no preflight) is answered with CORS headers and proxied
        given().header("Origin", "http://localhost:3000")
                .header("Authorization", READER)
                .when().get("/api/v1/incidents")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("X-RateLimit-Limit", notNullValue())
                .body("service", equalTo("incident"));
    }

    @Test
    void requestIdsAreRandomVersion4UuidsAndOnlySaneOnesAreKept() {
        String id = GatewayRoutes.randomRequestId();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        assertTrue(!id.equals(GatewayRoutes.randomRequestId()));
        assertTrue(GatewayRoutes.isSafeRequestId("caller-chosen.1:A_b"));
        assertTrue(GatewayRoutes.isSafeRequestId("x".repeat(128)));
        assertTrue(!GatewayRoutes.isSafeRequestId("x".repeat(129)));
        assertTrue(!GatewayRoutes.isSafeRequestId(""));
        assertTrue(!GatewayRoutes.isSafeRequestId("a b"));
        assertTrue(!GatewayRoutes.isSafeRequestId("a\r\nSet-Cookie: x"));
    }

    // ------------------------------------------------------------------ docs

    @Test
    void mergedOpenApiHasEveryServicesPathsAndSchemasOnce() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("servers[0].url", equalTo(origin()))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("security[0]", hasKey("bearer"))
                .body("paths", hasKey("/api/v1/incidents"))
                .body("paths", hasKey("/api/v1/changes"))
                .body("paths", hasKey("/api/v1/catalog/services"))
                .body("paths", hasKey("/api/v1/sla/agreements"))
                .body("paths", hasKey("/api/v1/webhooks/subscriptions"))
                .body("paths", hasKey("/api/v1/problems"))
                .body("paths", hasKey("/api/v1/problems/known-errors"))
                .body("paths", hasKey("/api/v1/requests"))
                .body("paths", hasKey("/api/v1/requests/tasks/{taskId}/complete"))
                .body("paths", hasKey("/api/v1/catalog/offerings/{id}/form"))
                .body("paths", hasKey("/api/v1/monitoring/alertmanager"))
                .body("paths", hasKey("/api/v1/monitoring/alerts/{id}/acknowledge"))
                .body("paths", hasKey("/api/v1/monitoring/rules/{id}/versions"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", not(hasKey("IncidentProblem")))
                // same name, different content: kept apart and references follow
                .body("components.schemas", hasKey("Summary"))
                .body("components.schemas", hasKey("IncidentSummary"))
                .body("paths.'/api/v1/incidents'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/IncidentSummary"))
                .body("tags.name", hasItem("incident"))
                .body("info.description", containsString("Not available right now: down"));
    }

    @Test
    void eachServiceDocumentIsServedThroughTheGateway() {
        given().when().get("/openapi/change")
                .then().statusCode(200)
                .body("servers[0].url", equalTo(origin()))
                .body("paths", hasKey("/api/v1/changes"))
                .body("components.securitySchemes.bearer.type", equalTo("http"));
        given().when().get("/openapi/nope")
                .then().statusCode(404).contentType(PROBLEM);
        given().when().get("/openapi/down")
                .then().statusCode(503).contentType(PROBLEM);
    }

    @Test
    void swaggerUiListsTheMergedDocumentAndEachService() {
        String page = given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .extract().asString();
        for (String url : List.of("/openapi", "/openapi/incident", "/openapi/change", "/openapi/catalog", "/openapi/sla",
                "/openapi/problem", "/openapi/request", "/openapi/monitoring", "/openapi/webhook")) {
            assertTrue(page.contains("\"" + url + "\""), "Swagger UI offers " + url);
        }
    }

    @Test
    void asyncApiDocumentsAreServedWhereServicesPublishThem() {
        given().when().get("/asyncapi/incident.yaml")
                .then().statusCode(200)
                .contentType(containsString("yaml"))
                .body(startsWith("asyncapi: 3.0.0"));
        given().when().get("/asyncapi/webhook.yaml")
                .then().statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("webhook-service events"));
        given().when().get("/asyncapi/problem.yaml")
                .then().statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("problem-service events"));
        given().when().get("/asyncapi/request.yaml")
                .then().statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("request-service events"));
        given().when().get("/asyncapi/monitoring.yaml")
                .then().statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("monitoring-service events"));
        given().when().get("/asyncapi/change.yaml")
                .then().statusCode(404).contentType(PROBLEM);
        given().when().get("/asyncapi/down.yaml")
                .then().statusCode(503).contentType(PROBLEM);
    }
}
