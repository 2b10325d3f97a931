package dev.itsm.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class HttpConventionsTest {

    static final String PROBLEM = "application/problem+json";

    static RequestSpecification agent() {
        return given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT)).contentType(ContentType.JSON);
    }

    @Test
    void invalidFieldsGet400NamingEachField() {
        agent().body(Map.of("title", " ", "kind", "TASK", "renames", 9))
                .post("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/validation"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/tickets"))
                .body("errors.field", equalTo(List.of("renames", "title")));
    }

    @Test
    void aMissingBodyIs400() {
        agent().post("/api/v1/tickets").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void malformedJsonIs400() {
        agent().body("{\"title\": \"x\",").post("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void truncatedJsonIsMalformedNotAValidationError() {
        for (String truncated : List.of("{\"title\":\"x\"", "{\"title\":\"x\",\"kind\":\"BUG\",\"renames\":1", "{\"title\":",
                "{\"title\":\"x", "{", "{\"title\":\"x\",\"kind\":")) {
            agent().body(truncated).post("/api/v1/tickets")
                    .then().log().ifValidationFails().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("https://itsm.dev/problems/malformed-json"));
        }
    }

    @Test
    void anUnknownEnumValueIs400ListingTheAllowedValues() {
        agent().body("{\"title\":\"x\",\"kind\":\"EPIC\",\"renames\":0}").post("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", equalTo("must be one of BUG, TASK"));
    }

    @Test
    void aWrongJsonTypeIs400() {
        agent().body("{\"title\":\"x\",\"kind\":\"BUG\",\"renames\":\"many\"}").post("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("renames"));
    }

    @Test
    void anUnsupportedMediaTypeIs415() {
        given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT))
                .contentType(ContentType.XML).body("<ticket/>")
                .post("/api/v1/tickets")
                .then().statusCode(415).contentType(PROBLEM)
                .body("detail", containsString("application/xml"))
                .body("detail", containsString("is not accepted here"));
    }

    @Test
    void unknownIdIs404AndUnknownPathIs404() {
        UUID id = UUID.randomUUID();
        agent().get("/api/v1/tickets/" + id)
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("Ticket " + id + " does not exist"));
        agent().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM);
        agent().get("/api/v1/tickets/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anIllegalTransitionIs409NamingTheCurrentState() {
        String id = OutboxRelayTest.openTicket("to-close", 0);
        agent().post("/api/v1/tickets/" + id + "/close").then().statusCode(200).header("ETag", "\"1\"");
        agent().post("/api/v1/tickets/" + id + "/close")
                .then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("CLOSED"))
                .body("allowedCommands", hasSize(0))
                .body("detail", containsString("in state CLOSED"));
    }

    @Test
    void aStaleIfMatchIs412AndAMatchingOneSucceeds() {
        String id = OutboxRelayTest.openTicket("etag", 0);
        agent().get("/api/v1/tickets/" + id).then().statusCode(200).header("ETag", "\"0\"");
        agent().header("If-Match", "\"5\"").post("/api/v1/tickets/" + id + "/close")
                .then().statusCode(412).contentType(PROBLEM).body("currentVersion", equalTo(0));
        agent().header("If-Match", "\"0\"").post("/api/v1/tickets/" + id + "/close")
                .then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void anUnexpectedErrorIs500WithoutInternals() {
        given().header("Authorization", TestTokens.bearer("root", Roles.ADMIN))
                .get("/api/v1/tickets/boom")
                .then().statusCode(500).contentType(PROBLEM)
                .body("errorId", notNullValue())
                .body(not(containsString("Secret")))
                .body(not(containsString("IllegalStateException")));
        // an Error (out of memory, stack overflow) too: it was the framework's own error page, not a problem
        given().header("Authorization", TestTokens.bearer("root", Roles.ADMIN))
                .get("/api/v1/tickets/boom?error=true")
                .then().statusCode(500).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/internal")).body("errorId", notNullValue())
                .body(not(containsString("Secret")))
                .body(not(containsString("StackOverflowError")));
    }

    @Test
    void listsArePagedWithALinkHeaderAndBoundedSize() {
        for (int i = 0; i < 3; i++) {
            OutboxRelayTest.openTicket("paging-" + i, 0);
        }
        Response r = agent().queryParam("size", 2).queryParam("page", 0).queryParam("sort", "-title")
                .get("/api/v1/tickets");
        r.then().statusCode(200)
                .body("items", hasSize(2)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("total", notNullValue());
        String link = r.header("Link");
        assertTrue(link.contains("rel=\"next\"") && link.contains("rel=\"last\"") && link.contains("sort=-title"), link);
        agent().queryParam("size", 501).get("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("size"));
        agent().queryParam("sort", "secret").get("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("sort"));
    }

    @Test
    void aValueTheDatabaseCannotStoreIs400AndAPageBeyondReachIs400() {
        agent().body(Map.of("title", "nul\u0000byte", "kind", "BUG", "renames", 0)).post("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("https://itsm.dev/problems/unstorable-value"));
        agent().queryParam("page", Integer.MAX_VALUE).queryParam("size", 500).get("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("page"));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("title", "idem", "kind", "BUG", "renames", 0);
        Response first = agent().header("Idempotency-Key", key).body(body).post("/api/v1/tickets");
        first.then().statusCode(201).header("Location", containsString("/api/v1/tickets/"));
        Response again = agent().header("Idempotency-Key", key).body(body).post("/api/v1/tickets");
        again.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")));
        assertEquals(first.jsonPath().getString("id"), again.jsonPath().getString("id"));

        agent().header("Idempotency-Key", key).body(Map.of("title", "other", "kind", "BUG", "renames", 0))
                .post("/api/v1/tickets")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/idempotency-key-reused"));
    }

    @Test
    void anIdempotencyKeyBelongsToItsCallerAnotherCallerWithTheSameKeyMakesAnotherRequest() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("title", "mine", "kind", "BUG", "renames", 0);
        Response alices = agent().header("Idempotency-Key", key).body(body).post("/api/v1/tickets");
        alices.then().statusCode(201);
        Response bobs = given().header("Authorization", TestTokens.bearer("bob", Roles.AGENT)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/v1/tickets");
        bobs.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertNotEquals(alices.jsonPath().getString("id"), bobs.jsonPath().getString("id"),
                "bob must not receive alice's resource");
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyCreateOneResource() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("title", "race", "kind", "BUG", "renames", 0);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> agent().header("Idempotency-Key", key).body(body).post("/api/v1/tickets")
                        .then().statusCode(201).extract().path("id"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size(), "one resource for one key");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noTokenIs401AndAWrongRoleIs403() {
        given().get("/api/v1/tickets").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer not.a.token").get("/api/v1/tickets")
                .then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer " + TestTokens.expiredToken("alice", Roles.READER))
                .get("/api/v1/tickets").then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer " + unsignedToken()).get("/api/v1/tickets")
                .then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", TestTokens.bearer("bob", Roles.READER)).contentType(ContentType.JSON)
                .body(Map.of("title", "x", "kind", "BUG", "renames", 0)).post("/api/v1/tickets")
                .then().statusCode(403).contentType(PROBLEM).body("title", equalTo("Forbidden"));
        given().header("Authorization", TestTokens.bearer("bob", Roles.READER)).get("/api/v1/tickets")
                .then().statusCode(200);
    }

    @Test
    void healthAndApiDocsAreOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.schemas.Problem", notNullValue())
                .body("paths.'/api/v1/tickets'.post", notNullValue());
        given().get("/q/openapi?format=json").then()
                .body("components.schemas.keySet()", hasItem("FieldError"));
        given().get("/asyncapi.yaml").then().statusCode(200).contentType("application/yaml")
                .body(containsString("asyncapi: 3.0.0"));
    }

    /** {"alg":"none"} token with admin groups and no signature. */
    static String unsignedToken() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        long exp = System.currentTimeMillis() / 1000 + 3600;
        String claims = b64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"mallory\",\"groups\":[\""
                + Roles.ADMIN + "\"],\"exp\":" + exp + "}").getBytes());
        return header + "." + claims + ".";
    }
}
