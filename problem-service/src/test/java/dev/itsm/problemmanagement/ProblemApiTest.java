package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.ProblemFixtures.agent;
import static dev.itsm.problemmanagement.ProblemFixtures.events;
import static dev.itsm.problemmanagement.ProblemFixtures.log;
import static dev.itsm.problemmanagement.ProblemFixtures.manager;
import static dev.itsm.problemmanagement.ProblemFixtures.newProblem;
import static dev.itsm.problemmanagement.ProblemFixtures.reader;
import static dev.itsm.problemmanagement.ProblemFixtures.types;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The REST conventions on problems: Idempotency-Key, ETag/If-Match, merge patch, filters, cursor, count, changes feed. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class ProblemApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyLogsOneProblem() {
        Map<String, Object> body = newProblem(UUID.randomUUID(), null);
        String key = UUID.randomUUID().toString();
        String first = agent().header("Idempotency-Key", key).body(body).post("/api/v1/problems").then().statusCode(201).extract().path("id");
        String again = agent().header("Idempotency-Key", key).body(body).post("/api/v1/problems").then().statusCode(201).extract().path("id");
        assertEquals(first, again);
        body.put("title", "Another one");
        agent().header("Idempotency-Key", key).body(body).post("/api/v1/problems").then().statusCode(422);
    }

    @Test
    void getHasTheETagAndPatchHonoursIfMatch() throws Exception {
        UUID ci = UUID.randomUUID();
        String id = log(newProblem(null, ci));
        reader().get("/api/v1/problems/" + id).then().statusCode(200).header("ETag", "\"0\"");
        agent().header("If-Match", "\"7\"").body(Map.of("urgency", "HIGH")).patch("/api/v1/problems/" + id).then().statusCode(412);
        agent().header("If-Match", "W/\"0\"").body(Map.of("urgency", "HIGH")).patch("/api/v1/problems/" + id).then().statusCode(412);
        UUID service = UUID.randomUUID();
        Response patched = agent().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(Map.of("urgency", "HIGH", "serviceIds", List.of(service.toString()), "assignmentGroup", "network"))
                .patch("/api/v1/problems/" + id);
        patched.then().statusCode(200).header("ETag", "\"1\"").body("priority", equalTo("P1")).body("urgency", equalTo("HIGH"))
                .body("serviceIds", contains(service.toString())).body("ciIds", contains(ci.toString()));
        // null clears an optional field; a problem keeps a service or a CI
        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("description", null);
        agent().body(clear).patch("/api/v1/problems/" + id).then().statusCode(200).body("description", nullValue());
        agent().body(Map.of("serviceIds", List.of(), "ciIds", List.of())).patch("/api/v1/problems/" + id).then().statusCode(400);
        // fields that change through commands are 400s naming the reason
        agent().body(Map.of("state", "CLOSED")).patch("/api/v1/problems/" + id).then().statusCode(400);
        agent().body(Map.of("workaround", "x")).patch("/api/v1/problems/" + id).then().statusCode(400);
        // commands honour If-Match too
        ProblemFixtures.command(agent().header("If-Match", "\"0\""), id, "start-analysis", null).then().statusCode(412);

        var records = events(id, 3);
        assertEquals(List.of("ProblemLogged", "ProblemUpdated", "ProblemUpdated"), types(records));
        assertEquals(List.of("serviceIds", "urgency", "priority", "assignmentGroup"),
                JSON.convertValue(JSON.readTree(records.get(1).value()).path("changedFields"), List.class));
        reader().get("/api/v1/problems/" + id + "/history").then().body("items[1].action", equalTo("update"))
                .body("items[1].changes.field", hasItem("urgency"));
    }

    @Test
    void badIdsAreClientErrorsNeverServerErrors() {
        reader().get("/api/v1/problems/not-a-uuid").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)));
        reader().get("/api/v1/problems/" + UUID.randomUUID()).then().statusCode(404);
        reader().queryParam("serviceId", "nope").get("/api/v1/problems").then().statusCode(400);
        reader().queryParam("state", "DONE").get("/api/v1/problems").then().statusCode(400);
        reader().queryParam("sort", "secret").get("/api/v1/problems").then().statusCode(400);
    }

    @Test
    void theListFiltersByServiceAndCiArraysStateAndText() {
        UUID service = UUID.randomUUID();
        UUID ci = UUID.randomUUID();
        String onBoth = log(newProblem(service, ci));
        Map<String, Object> other = newProblem(service, null);
        other.put("title", "Invoices are sent twice");
        other.put("impact", "LOW");
        String onService = log(other);
        String unrelated = log();

        reader().queryParam("serviceId", service.toString()).get("/api/v1/problems").then().statusCode(200)
                .body("items.id", containsInAnyOrder(onBoth, onService)).body("total", equalTo(2));
        reader().queryParam("ciId", ci.toString()).get("/api/v1/problems").then().body("items.id", contains(onBoth));
        reader().queryParam("serviceId", service.toString()).queryParam("q", "INVOICES").get("/api/v1/problems").then()
                .body("items.id", contains(onService));
        reader().queryParam("serviceId", service.toString()).queryParam("priority", "P4").get("/api/v1/problems").then()
                .body("items.id", contains(onService));
        ProblemFixtures.command(agent(), onBoth, "start-analysis", null).then().statusCode(200);
        reader().queryParam("serviceId", service.toString()).queryParam("state", "UNDER_ANALYSIS,LOGGED")
                .queryParam("sort", "state").get("/api/v1/problems").then().body("items.id", contains(onService, onBoth));
        reader().queryParam("state", "UNDER_ANALYSIS").get("/api/v1/problems").then().body("items.id", not(hasItem(unrelated)));
        String number = reader().get("/api/v1/problems/" + onService).path("number");
        reader().queryParam("q", number).get("/api/v1/problems").then().body("items.id", contains(onService));
    }

    @Test
    void aCursorWalkSeesEveryProblemOnce() {
        UUID service = UUID.randomUUID();
        List<String> logged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            logged.add(log(newProblem(service, null)));
        }
        List<String> seen = new ArrayList<>();
        Response page = reader().queryParam("serviceId", service.toString()).queryParam("size", 2).get("/api/v1/problems");
        page.then().body("total", equalTo(5)).body("next", notNullValue());
        seen.addAll(page.jsonPath().getList("items.id"));
        while (page.path("next") != null) {
            page = reader().queryParam("serviceId", service.toString()).queryParam("size", 2).queryParam("cursor", (String) page.path("next"))
                    .get("/api/v1/problems");
            page.then().statusCode(200).body("total", nullValue());
            seen.addAll(page.jsonPath().getList("items.id"));
        }
        java.util.Collections.reverse(logged);
        assertEquals(logged, seen, "newest first, each once");
        // a sort on an enum column, mixed directions: the expanded keyset predicate
        for (String sort : List.of("priority,-loggedAt", "-state,title")) {
            List<String> walked = new ArrayList<>();
            String next = null;
            do {
                var request = reader().queryParam("serviceId", service.toString()).queryParam("size", 2).queryParam("sort", sort);
                Response p = next == null ? request.get("/api/v1/problems") : request.queryParam("cursor", next).get("/api/v1/problems");
                p.then().statusCode(200);
                walked.addAll(p.jsonPath().getList("items.id"));
                next = p.path("next");
            } while (next != null);
            assertEquals(5, walked.size(), sort);
            assertEquals(5, new java.util.HashSet<>(walked).size(), sort);
        }
        reader().queryParam("serviceId", service.toString()).queryParam("count", "none").get("/api/v1/problems").then()
                .body("total", nullValue());
        reader().queryParam("cursor", "garbage").get("/api/v1/problems").then().statusCode(400);
    }

    @Test
    void theChangesFeedServesProblemsUpdatedSinceOnceTheyAreOldEnough() {
        UUID service = UUID.randomUUID();
        Instant since = TestClock.INSTANCE.instant().minusSeconds(1);
        String id = log(newProblem(service, null));
        // rows show once their update is older than the safety lag (30 s): move the clock past it
        TestClock.INSTANCE.advance(Duration.ofMinutes(1));
        try {
            Response feed = reader().queryParam("updatedSince", since.toString()).queryParam("size", 500).get("/api/v1/problems");
            feed.then().statusCode(200).body("items.id", hasItem(id)).body("next", notNullValue());
            reader().queryParam("updatedSince", since.toString()).queryParam("sort", "title").get("/api/v1/problems").then().statusCode(400);
        } finally {
            TestClock.INSTANCE.reset();
        }
        manager().get("/api/v1/problems/" + id).then().statusCode(200);
    }
}
