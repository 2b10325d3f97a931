package dev.itsm.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Keyset paging, counting and the changes feed, on the platform's test app (tickets). */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class KeysetPagingTest {

    static final String PROBLEM = "application/problem+json";

    static RequestSpecification reader() {
        return given().header("Authorization", TestTokens.bearer("rita", Roles.READER));
    }

    @AfterEach
    void resetClock() {
        TestClock.INSTANCE.reset();
    }

    @Test
    void aCursorWalkSeesEveryRowThatExistedExactlyOnceWhileRowsAreInsertedConcurrently() throws Exception {
        for (int i = 0; i < 60; i++) {
            OutboxRelayTest.openTicket("walk-" + UUID.randomUUID(), 0);
        }
        Set<String> before = new HashSet<>(allIds());
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicBoolean walking = new AtomicBoolean(true);
        Future<Integer> inserted = writer.submit(() -> {
            int n = 0;
            while (walking.get() && n < 40) {
                OutboxRelayTest.openTicket("walk-" + UUID.randomUUID(), 0); // random titles land before and after the cursor
                n++;
            }
            return n;
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        try {
            do {
                RequestSpecification r = reader().queryParam("size", 7).queryParam("sort", "title");
                if (cursor != null) {
                    r.queryParam("cursor", cursor);
                }
                Response page = r.get("/api/v1/tickets");
                page.then().statusCode(200);
                seen.addAll(page.jsonPath().getList("items.id"));
                cursor = page.jsonPath().getString("next");
                if (cursor != null) {
                    assertTrue(page.header("Link").contains("cursor=" + cursor), page.header("Link"));
                    page.then().body("page", cursor == null || pages == 0 ? equalTo(0) : nullValue());
                }
                pages++;
            } while (cursor != null);
        } finally {
            walking.set(false);
        }
        assertTrue(inserted.get() > 0, "rows were inserted during the walk");
        writer.shutdown();
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no row twice");
        assertTrue(seen.containsAll(before), "every row that existed when the walk began was seen");
    }

    @Test
    void aFirstPageCountsBoundedExactWhenAskedAndAPageByCursorDoesNotCount() {
        OutboxRelayTest.openTicket("count-" + UUID.randomUUID(), 0);
        OutboxRelayTest.openTicket("count-" + UUID.randomUUID(), 0);
        Response first = reader().queryParam("size", 1).get("/api/v1/tickets");
        first.then().statusCode(200).body("total", notNullValue()).body("totalExact", equalTo(true))
                .body("next", notNullValue()).header("Link", containsString("rel=\"last\""));
        reader().queryParam("size", 1).queryParam("count", "exact").get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(first.jsonPath().getInt("total")));
        reader().queryParam("size", 1).queryParam("count", "none").get("/api/v1/tickets")
                .then().statusCode(200).body("total", nullValue()).body("totalExact", nullValue())
                .header("Link", not(containsString("rel=\"last\"")));
        reader().queryParam("size", 1).queryParam("cursor", first.jsonPath().getString("next")).get("/api/v1/tickets")
                .then().statusCode(200).body("items", hasSize(1)).body("total", nullValue()).body("page", nullValue());
        reader().queryParam("count", "roughly").get("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("count"));
    }

    @Test
    void aCursorThatIsNotOursOrForAnotherSortOrWithAPageNumberIs400AndNamesTheParameter() {
        OutboxRelayTest.openTicket("cursor-" + UUID.randomUUID(), 0);
        OutboxRelayTest.openTicket("cursor-" + UUID.randomUUID(), 0);
        String byTitle = reader().queryParam("size", 1).queryParam("sort", "title").get("/api/v1/tickets").jsonPath().getString("next");
        reader().queryParam("cursor", byTitle).queryParam("sort", "-state").get("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        reader().queryParam("cursor", "not-a-cursor").get("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        reader().queryParam("cursor", byTitle).queryParam("sort", "title").queryParam("page", 3).get("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("page"));
    }

    @Test
    void theChangesFeedServesRowsOnceTheyAreOlderThanTheSafetyLagInUpdatedAtOrderAndResumesFromItsCursor() {
        Instant since = TestClock.INSTANCE.instant().minusMillis(1);
        String a = OutboxRelayTest.openTicket("feed-" + UUID.randomUUID(), 0);
        String b = OutboxRelayTest.openTicket("feed-" + UUID.randomUUID(), 0);
        // younger than the safety lag (30 s): a transaction that wrote earlier might still commit, so nothing yet
        reader().queryParam("updatedSince", since.toString()).get("/api/v1/tickets")
                .then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        Response first = reader().queryParam("updatedSince", since.toString()).queryParam("size", 1).get("/api/v1/tickets");
        first.then().statusCode(200).body("items.id", equalTo(List.of(a))).body("next", notNullValue());
        String cursor = first.jsonPath().getString("next");
        Response second = reader().queryParam("updatedSince", since.toString()).queryParam("cursor", cursor)
                .get("/api/v1/tickets");
        second.then().statusCode(200).body("items.id", equalTo(List.of(b))).body("next", notNullValue());
        // caught up: the last page still hands out where to resume; an empty page hands the same cursor back
        String resume = second.jsonPath().getString("next");
        reader().queryParam("updatedSince", since.toString()).queryParam("cursor", resume).get("/api/v1/tickets")
                .then().statusCode(200).body("items", hasSize(0)).body("next", equalTo(resume))
                .header("Link", not(containsString("rel=\"next\"")));
        // a change to a row it served comes again, after the cursor
        given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT)).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .post("/api/v1/tickets/" + a + "/close").then().statusCode(200);
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        reader().queryParam("updatedSince", since.toString()).queryParam("cursor", resume).get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", equalTo(List.of(a))).body("items[0].state", equalTo("CLOSED"));
        reader().queryParam("updatedSince", "yesterday").get("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("updatedSince"));
        reader().queryParam("updatedSince", since.toString()).queryParam("sort", "title").get("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("sort"));
    }

    private static List<String> allIds() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification r = reader().queryParam("size", 500).queryParam("sort", "title");
            if (cursor != null) {
                r.queryParam("cursor", cursor);
            }
            Response page = r.get("/api/v1/tickets");
            ids.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("next");
        } while (cursor != null);
        return ids;
    }
}
