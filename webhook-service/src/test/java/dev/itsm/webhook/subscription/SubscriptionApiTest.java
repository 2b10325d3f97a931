package dev.itsm.webhook.subscription;

import static dev.itsm.webhook.subscription.SubscriptionTestSupport.BASE;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.PROBLEM;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.admin;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.body;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.create;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.integrator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** CRUD, commands, paging and the changes feed of /api/v1/webhooks/subscriptions, over HTTP on the real database. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class SubscriptionApiTest {

    static final String HOOK = "http://127.0.0.1:9/hook";
    static final TestClock CLOCK = TestClock.INSTANCE;

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    @Test
    void createAnswersTheSecretOnceAndReadsNeverShowIt() {
        Response created = integrator().body(body("Pager", HOOK + "?token=abc", List.of("dev.itsm.incident.IncidentOpened")))
                .post(BASE).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(BASE + "/")).header("ETag", "\"0\"")
                .body("state", equalTo("ACTIVE")).body("subjects", equalTo(List.of())).body("createdBy", equalTo("ida"))
                .body("secret", startsWith("whsec_")).extract().response();
        String id = created.path("id");
        String secret = created.path("secret");
        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);

        String read = integrator().get(BASE + "/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("$", not(hasKey("secret"))).body("targetUrl", equalTo(HOOK + "?token=abc")).extract().asString();
        assertFalse(read.contains("whsec_"), read);
        String list = integrator().queryParam("size", 500).get(BASE).then().statusCode(200).extract().asString();
        assertFalse(list.contains("whsec_"), "a list shows no secret");
    }

    @Test
    void aClientSuppliedSecretIsKeptAndBothAdminRolesMayCreate() {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        Map<String, Object> b = body("Own secret", HOOK, List.of("dev.itsm.change.*"));
        b.put("secret", secret);
        b.put("state", "PAUSED");
        b.put("subjects", List.of("a", "a", "b"));
        admin().body(b).post(BASE).then().statusCode(201).body("secret", equalTo(secret)).body("state", equalTo("PAUSED"))
                .body("subjects", contains("a", "b")).body("eventTypes", contains("dev.itsm.change.*"));
    }

    @Test
    void patchMergesWithIfMatchAndDeleteRemovesIt() {
        String id = (String) create(body("Edit me", HOOK, List.of("dev.itsm.incident.IncidentOpened"))).get("id");
        integrator().contentType("application/merge-patch+json").header("If-Match", "\"7\"")
                .body("{\"name\":\"x\"}").patch(BASE + "/" + id).then().statusCode(412).contentType(PROBLEM);
        integrator().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"eventTypes\":[\"dev.itsm.incident.*\"],\"description\":\"all incident events\",\"subjects\":[\"inc-1\"]}")
                .patch(BASE + "/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("eventTypes", contains("dev.itsm.incident.*")).body("description", equalTo("all incident events"))
                .body("subjects", contains("inc-1")).body("name", equalTo("Edit me")).body("$", not(hasKey("secret")));
        // null clears; a patch that changes nothing keeps the version
        integrator().contentType("application/merge-patch+json").body("{\"description\":null,\"subjects\":null}")
                .patch(BASE + "/" + id).then().statusCode(200).header("ETag", "\"2\"").body("description", equalTo(null))
                .body("subjects", equalTo(List.of()));
        integrator().contentType("application/merge-patch+json").body("{\"name\":\"Edit me\"}")
                .patch(BASE + "/" + id).then().statusCode(200).header("ETag", "\"2\"");

        integrator().header("If-Match", "\"1\"").delete(BASE + "/" + id).then().statusCode(412);
        integrator().header("If-Match", "\"2\"").delete(BASE + "/" + id).then().statusCode(204);
        integrator().get(BASE + "/" + id).then().statusCode(404).contentType(PROBLEM);
        integrator().delete(BASE + "/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void pauseAndResumeFollowTheStateMachineAndNameTheAllowedCommands() {
        String id = (String) create(body("Pausable", HOOK, List.of("dev.itsm.sla.*"))).get("id");
        integrator().post(BASE + "/" + id + "/resume").then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/illegal-transition")).body("currentState", equalTo("ACTIVE"))
                .body("allowedCommands", hasItem("pause"));
        integrator().post(BASE + "/" + id + "/pause").then().statusCode(200).body("state", equalTo("PAUSED")).header("ETag", "\"1\"");
        integrator().post(BASE + "/" + id + "/pause").then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("PAUSED")).body("allowedCommands", hasItem("resume"));
        integrator().header("If-Match", "\"0\"").post(BASE + "/" + id + "/resume").then().statusCode(412);
        integrator().post(BASE + "/" + id + "/resume").then().statusCode(200).body("state", equalTo("ACTIVE"));
        integrator().post(BASE + "/" + UUID.randomUUID() + "/pause").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> b = body("Once", HOOK, List.of("dev.itsm.incident.IncidentOpened"));
        JsonPath first = integrator().header("Idempotency-Key", key).body(b).post(BASE).then().statusCode(201).extract().jsonPath();
        integrator().header("Idempotency-Key", key).body(b).post(BASE).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first.getString("id")))
                .body("secret", equalTo(first.getString("secret")));
        b.put("name", "Twice");
        integrator().header("Idempotency-Key", key).body(b).post(BASE).then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void theListWalksByCursorAndFiltersByState() {
        String marker = "walk " + UUID.randomUUID();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> b = body(marker, HOOK, List.of("dev.itsm.incident.IncidentOpened"));
            if (i % 2 == 0) {
                b.put("state", "PAUSED");
            }
            mine.add((String) create(b).get("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = integrator().queryParam("size", 2);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get(BASE).then().statusCode(200).extract().jsonPath();
            if (pages == 0) {
                assertTrue(page.getLong("total") >= 5, "first page counted");
            }
            for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
                seen.add((String) item.get("id"));
                assertFalse(item.containsKey("secret"));
            }
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 1000);
        assertEquals(seen.size(), seen.stream().distinct().count(), "no row twice");
        assertTrue(seen.containsAll(mine), "every row once");

        integrator().queryParam("state", "PAUSED").queryParam("size", 500).get(BASE).then().statusCode(200)
                .body("items.state", not(hasItem("ACTIVE")))
                .body("items.findAll { it.name == '" + marker + "' }.id", org.hamcrest.Matchers.containsInAnyOrder(
                        mine.get(0), mine.get(2), mine.get(4)));
        integrator().queryParam("state", "SLEEPING").get(BASE).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("state"));
    }

    @Test
    void theChangesFeedServesRowsOnceTheirUpdateIsOlderThanTheSafetyLag() {
        Instant since = CLOCK.instant();
        String id = (String) create(body("Feed", HOOK, List.of("dev.itsm.incident.IncidentOpened"))).get("id");
        integrator().queryParam("updatedSince", since.toString()).queryParam("size", 500).get(BASE).then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        CLOCK.advance(Duration.ofSeconds(31));
        String next = integrator().queryParam("updatedSince", since.toString()).queryParam("size", 500).get(BASE).then().statusCode(200)
                .body("items.id", hasItem(id)).body("next", notNullValue()).extract().path("next");
        // a paused subscription comes back in the feed after its update
        integrator().post(BASE + "/" + id + "/pause").then().statusCode(200);
        CLOCK.advance(Duration.ofSeconds(31));
        integrator().queryParam("updatedSince", since.toString()).queryParam("cursor", next).queryParam("size", 500).get(BASE).then()
                .statusCode(200).body("items.find { it.id == '" + id + "' }.state", equalTo("PAUSED"));
    }

    @Test
    void theEventTypeCatalogueListsTheServicesTypes() {
        integrator().get("/api/v1/webhooks/event-types").then().statusCode(200)
                .body("items.type", hasItem("dev.itsm.incident.IncidentOpened"))
                .body("items.type", hasItem("dev.itsm.change.ChangeApproved"))
                .body("items.type", hasItem("dev.itsm.sla.SlaBreached"))
                .body("items.type", hasItem("dev.itsm.catalog.ServiceCreated"))
                .body("items.type", not(hasItem(startsWith("dev.itsm.webhook."))))
                .body("services", hasItem("incident"));
    }
}
