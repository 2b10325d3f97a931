package dev.itsm.request;

import static dev.itsm.request.RequestFixtures.BASE;
import static dev.itsm.request.RequestFixtures.agent;
import static dev.itsm.request.RequestFixtures.command;
import static dev.itsm.request.RequestFixtures.order;
import static dev.itsm.request.RequestFixtures.orderable;
import static dev.itsm.request.RequestFixtures.requester;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.request.catalog.CatalogEvents;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The suite's HTTP conventions on requests: Idempotency-Key, ETag/If-Match, keyset paging, the changes feed, problems. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class RequestApiTest {

    @AfterEach
    void realTime() {
        TestClock.INSTANCE.reset();
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstOrder() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        String key = UUID.randomUUID().toString();
        String first = requester("bob").header("Idempotency-Key", key).body(order(o)).post(BASE).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(BASE + "/")).extract().path("id");
        String again = requester("bob").header("Idempotency-Key", key).body(order(o)).post(BASE).then().statusCode(201)
                .extract().path("id");
        assertEquals(first, again);
        Map<String, Object> other = order(o);
        other.put("answers", Map.of("laptop", Map.of("model", "performance-16"), "vpn", Map.of("profile", "staff")));
        requester("bob").header("Idempotency-Key", key).body(other).post(BASE).then().statusCode(422);
        requester("bob").queryParam("organisationId", o.organisationId().toString()).get(BASE).then().body("items", hasSize(1));
    }

    @Test
    void theETagGuardsCommandsAgainstLostUpdates() {
        String id = RequestFixtures.create(orderable(false, List.of()));
        String etag = agent().get(BASE + "/" + id).then().statusCode(200).header("ETag", notNullValue()).extract().header("ETag");
        command(agent().header("If-Match", "\"999\""), id, "request-info", Map.of("question", "Which floor?")).then().statusCode(412);
        command(agent().header("If-Match", etag), id, "request-info", Map.of("question", "Which floor?")).then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.not(etag));
        command(requester("bob").header("If-Match", etag), id, "provide-info", Map.of("answer", "3rd")).then().statusCode(412);
    }

    @Test
    void theListPagesByCursorAndFilters() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(RequestFixtures.create(o));
        }
        String org = o.organisationId().toString();
        var first = agent().queryParam("organisationId", org).queryParam("size", 2).get(BASE).then().statusCode(200)
                .body("items", hasSize(2)).body("total", equalTo(3)).body("next", notNullValue()).extract();
        List<String> seen = new ArrayList<>(first.path("items.id"));
        agent().queryParam("organisationId", org).queryParam("size", 2).queryParam("cursor", (String) first.path("next"))
                .get(BASE).then().statusCode(200).body("items", hasSize(1)).body("next", nullValue())
                .extract().<List<String>>path("items.id").forEach(seen::add);
        assertEquals(new HashSet<>(ids), new HashSet<>(seen));
        assertEquals(3, seen.size());
        assertEquals(ids.get(2), seen.get(0), "newest first");
        agent().queryParam("organisationId", org).queryParam("state", "CLOSED").get(BASE).then().body("items", hasSize(0));
        agent().queryParam("offeringId", o.offeringId().toString()).queryParam("sort", "number").get(BASE).then()
                .body("items.id", equalTo(ids));
        agent().queryParam("state", "NOPE").get(BASE).then().statusCode(400);
        agent().queryParam("sort", "answers").get(BASE).then().statusCode(400);
    }

    @Test
    void theChangesFeedServesRequestsOnceTheyAreOlderThanTheSafetyLag() {
        Instant since = TestClock.INSTANCE.instant().minusSeconds(1);
        String id = RequestFixtures.create(orderable(false, List.of()));
        agent().queryParam("updatedSince", since.toString()).queryParam("size", 500).get(BASE).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        TestClock.INSTANCE.advance(Duration.ofMinutes(1));
        agent().queryParam("updatedSince", since.toString()).queryParam("size", 500).get(BASE).then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void anOrderTheRulesRefuseIsAProblemNamingTheRule() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        Map<String, Object> bad = order(o);
        bad.put("answers", Map.of("laptop", Map.of("model", "gaming-18"), "vpn", Map.of("profile", "staff")));
        requester("bob").body(bad).post(BASE).then().statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("/invalid-answers"))
                .body("errors.field", hasItem("/laptop/model"));
        Map<String, Object> unknown = order(o);
        unknown.put("offeringId", UUID.randomUUID().toString());
        requester("bob").body(unknown).post(BASE).then().statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("/unknown-offering"));
        requester("bob").body(Map.of("organisationId", o.organisationId().toString())).post(BASE).then().statusCode(400);
        assertTrue(agent().queryParam("organisationId", o.organisationId().toString()).get(BASE).then().extract()
                .<List<?>>path("items").isEmpty(), "nothing was created");
    }
}
