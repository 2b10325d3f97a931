package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.manager;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Keyset paging ({@code cursor}, {@code next} in the body and the Link header), counting
 * ({@code count=bounded|exact|none}) and the changes feed ({@code updatedSince}) of the change list,
 * and of the change model, blackout and maintenance window lists.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ChangeListTest {

    @AfterEach
    void resetClock() {
        TestClock.INSTANCE.reset();
    }

    @Test
    void aCursorWalkSeesEveryChangeThatExistedExactlyOnceWhileChangesAreRequestedConcurrently() throws Exception {
        String requester = "walker-" + UUID.randomUUID();
        for (int i = 0; i < 25; i++) {
            request(requester, "walk " + UUID.randomUUID());
        }
        Set<String> before = new HashSet<>(walk(requester, 500));
        assertEquals(25, before.size());
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicBoolean walking = new AtomicBoolean(true);
        Future<Integer> inserted = writer.submit(() -> {
            int n = 0;
            while (walking.get() && n < 20) {
                request(requester, "walk " + UUID.randomUUID()); // random titles land before and after the cursor
                n++;
            }
            return n;
        });
        List<String> seen;
        try {
            seen = walk(requester, 3);
        } finally {
            walking.set(false);
        }
        assertTrue(inserted.get() > 0, "changes were requested during the walk");
        writer.shutdown();
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no change twice");
        assertTrue(seen.containsAll(before), "every change that existed when the walk began was seen");
    }

    @Test
    void everySortCanBeWalkedByCursorAndACursorOnlyContinuesItsOwnSort() {
        String requester = "sorter-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(request(requester, "sorted " + i));
        }
        for (String sort : List.of("number", "-number", "createdAt", "-createdAt", "plannedStart", "-plannedStart", "state",
                "-state", "type", "-type", "risk", "-risk", "title", "-title")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                RequestSpecification r = Api.rita().queryParam("requestedBy", requester).queryParam("sort", sort).queryParam("size", 2);
                if (cursor != null) {
                    r.queryParam("cursor", cursor);
                }
                Response page = r.get(CHANGES);
                page.then().statusCode(200);
                seen.addAll(page.jsonPath().getList("items.id"));
                cursor = page.jsonPath().getString("next");
            } while (cursor != null);
            assertEquals(Set.copyOf(ids), Set.copyOf(seen), sort);
            assertEquals(ids.size(), seen.size(), sort);
        }
        List<String> byTitle = pageOf(Api.rita().queryParam("requestedBy", requester).queryParam("sort", "-title")).jsonPath().getList("items.id");
        assertEquals(List.of(ids.get(4), ids.get(3)), byTitle);

        String next = pageOf(Api.rita().queryParam("requestedBy", requester).queryParam("sort", "title")).jsonPath().getString("next");
        Api.rita().queryParam("cursor", next).queryParam("sort", "-createdAt").get(CHANGES)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        Api.rita().queryParam("cursor", next).get(CHANGES)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        Api.rita().queryParam("cursor", "not-a-cursor").get(CHANGES)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        Api.rita().queryParam("cursor", next).queryParam("sort", "title").queryParam("page", 2).get(CHANGES)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("page"));
    }

    @Test
    void aFirstPageCountsBoundedExactWhenAskedAndAPageByCursorDoesNotCount() {
        String requester = "counter-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            request(requester, "counted " + i);
        }
        Response first = Api.rita().queryParam("requestedBy", requester).queryParam("size", 2).get(CHANGES);
        first.then().statusCode(200).body("total", equalTo(3)).body("totalExact", equalTo(true)).body("page", equalTo(0))
                .body("next", notNullValue()).header("Link", containsString("rel=\"next\""))
                .header("Link", containsString("cursor=")).header("Link", containsString("rel=\"last\""));
        Api.rita().queryParam("requestedBy", requester).queryParam("count", "exact").get(CHANGES)
                .then().statusCode(200).body("total", equalTo(3)).body("totalExact", equalTo(true)).body("next", nullValue());
        Api.rita().queryParam("requestedBy", requester).queryParam("count", "none").get(CHANGES)
                .then().statusCode(200).body("total", nullValue()).body("totalExact", nullValue()).body("items", hasSize(3));
        Api.rita().queryParam("requestedBy", requester).queryParam("size", 2).queryParam("cursor", first.jsonPath().getString("next"))
                .get(CHANGES).then().statusCode(200).body("items", hasSize(1)).body("total", nullValue()).body("page", nullValue())
                .body("next", nullValue());
        Api.rita().queryParam("requestedBy", requester).queryParam("size", 2).queryParam("count", "exact")
                .queryParam("cursor", first.jsonPath().getString("next")).get(CHANGES)
                .then().statusCode(200).body("total", equalTo(3));
        // page numbers still work for small collections (an OFFSET), with the same counting
        Api.rita().queryParam("requestedBy", requester).queryParam("size", 2).queryParam("page", 1).get(CHANGES)
                .then().statusCode(200).body("items", hasSize(1)).body("page", equalTo(1)).body("total", equalTo(3))
                .header("Link", containsString("rel=\"prev\""));
        Api.rita().queryParam("count", "roughly").get(CHANGES)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("count"));
    }

    @Test
    void theChangesFeedServesChangesOnceOlderThanTheSafetyLagAndAChangeUpdatedAfterTheCursorComesAgain() {
        String requester = "feeder-" + UUID.randomUUID();
        Instant since = TestClock.INSTANCE.instant().minusMillis(1);
        String a = request(requester, "feed a");
        String b = request(requester, "feed b");
        RequestSpecification feed = feed(requester, since);
        // younger than the safety lag (30 s): a transaction that wrote earlier might still commit, so nothing yet
        feed.get(CHANGES).then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        Response first = feed(requester, since).queryParam("size", 1).get(CHANGES);
        first.then().statusCode(200).body("items.id", equalTo(List.of(a))).body("next", notNullValue());
        Response second = feed(requester, since).queryParam("cursor", first.jsonPath().getString("next")).get(CHANGES);
        second.then().statusCode(200).body("items.id", equalTo(List.of(b))).body("next", notNullValue());
        // caught up: the last page hands out where to resume; an empty page hands the same cursor back
        String resume = second.jsonPath().getString("next");
        feed(requester, since).queryParam("cursor", resume).get(CHANGES).then().statusCode(200).body("items", hasSize(0))
                .body("next", equalTo(resume)).header("Link", not(containsString("rel=\"next\"")));
        // an edit of a change the client already has brings it again, after the cursor
        Api.as(requester, Roles.AGENT).contentType("application/merge-patch+json").body(Map.of("title", "feed a, edited"))
                .patch(CHANGES + "/" + a).then().statusCode(200);
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        feed(requester, since).queryParam("cursor", resume).get(CHANGES).then().statusCode(200)
                .body("items.id", equalTo(List.of(a))).body("items[0].title", equalTo("feed a, edited"));
        // and so does a command
        Api.as(requester, Roles.AGENT).body(Map.of()).post(CHANGES + "/" + b + "/submit").then().statusCode(200);
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        feed(requester, since).queryParam("cursor", resume).get(CHANGES).then().statusCode(200)
                .body("items.id", equalTo(List.of(a, b))).body("items[1].state", equalTo("ASSESS"));

        feed(requester, since).queryParam("sort", "title").get(CHANGES)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("sort"));
        Api.rita().queryParam("updatedSince", "yesterday").get(CHANGES)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("updatedSince"));
    }

    @Test
    void modelAndWindowListsAreWalkedByCursorAndHaveAFeed() {
        Instant since = TestClock.INSTANCE.instant().minusMillis(1);
        UUID service = Api.service("cursor-windows");
        List<String> blackouts = new ArrayList<>();
        List<String> maintenance = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            blackouts.add(Api.created(manager(), CHANGES + "/blackout-windows", Map.of("name", "Cursor freeze " + i,
                    "startsAt", "2033-0" + (i + 1) + "-01T00:00:00Z", "endsAt", "2033-0" + (i + 1) + "-02T00:00:00Z",
                    "serviceIds", List.of(service))).extract().path("id"));
            maintenance.add(Api.created(manager(), CHANGES + "/maintenance-windows", Map.of("serviceId", service, "name",
                    "Cursor night " + i, "daysOfWeek", List.of("SUNDAY"), "startTime", "01:00", "durationMinutes", 60,
                    "timeZone", "UTC")).extract().path("id"));
        }
        String model = Api.created(manager(), CHANGES + "/models", Map.of("name", "Cursor model " + UUID.randomUUID()))
                .extract().path("id");

        assertEquals(blackouts, walkAll(() -> Api.rita().queryParam("serviceId", service).queryParam("from", "2033-01-01T00:00:00Z")
                .queryParam("to", "2033-12-31T00:00:00Z"), CHANGES + "/blackout-windows", "startsAt"));
        assertEquals(List.of(blackouts.get(2), blackouts.get(1), blackouts.get(0)), walkAll(() -> Api.rita().queryParam("serviceId", service)
                .queryParam("from", "2033-01-01T00:00:00Z").queryParam("to", "2033-12-31T00:00:00Z"), CHANGES + "/blackout-windows", "-endsAt"));
        assertEquals(maintenance, walkAll(() -> Api.rita().queryParam("serviceId", service), CHANGES + "/maintenance-windows", "name"));
        assertEquals(maintenance, walkAll(() -> Api.rita(), CHANGES + "/maintenance-windows", "serviceId").stream()
                .filter(maintenance::contains).toList());
        assertTrue(walkAll(() -> Api.rita(), CHANGES + "/models", "-updatedAt").contains(model));

        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        Api.rita().queryParam("updatedSince", since.toString()).queryParam("serviceId", service).get(CHANGES + "/blackout-windows")
                .then().statusCode(200).body("items.id", equalTo(blackouts)).body("next", notNullValue());
        Api.rita().queryParam("updatedSince", since.toString()).queryParam("serviceId", service).get(CHANGES + "/maintenance-windows")
                .then().statusCode(200).body("items.id", equalTo(maintenance));
        Api.rita().queryParam("updatedSince", since.toString()).get(CHANGES + "/models")
                .then().statusCode(200).body("items.id", equalTo(List.of(model)));
        for (String list : List.of("/blackout-windows", "/maintenance-windows", "/models")) {
            Api.rita().queryParam("updatedSince", since.toString()).queryParam("sort", "name").get(CHANGES + list)
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("sort"));
        }
    }

    // ------------------------------------------------------------------------------ helpers

    private static String request(String requester, String title) {
        return Api.createAs(Api.as(requester, Roles.AGENT), Api.normal(title, Api.freshSlot(), Duration.ofHours(1), List.of(), List.of()))
                .getString("id");
    }

    private static RequestSpecification feed(String requester, Instant since) {
        return Api.rita().queryParam("requestedBy", requester).queryParam("updatedSince", since.toString());
    }

    private static Response pageOf(RequestSpecification request) {
        Response page = request.queryParam("size", 2).get(CHANGES);
        page.then().statusCode(200);
        return page;
    }

    /** The ids of a requester's changes, by title, page by page through the cursors; checks the Link header on the way. */
    private static List<String> walk(String requester, int size) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification r = Api.rita().queryParam("requestedBy", requester).queryParam("sort", "title").queryParam("size", size);
            if (cursor != null) {
                r.queryParam("cursor", cursor);
            }
            Response page = r.get(CHANGES);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("next");
            if (cursor != null) {
                assertTrue(page.header("Link").contains("cursor=" + cursor), page.header("Link"));
            }
        } while (cursor != null);
        return seen;
    }

    private static List<String> walkAll(Supplier<RequestSpecification> request, String path, String sort) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification r = request.get().queryParam("sort", sort).queryParam("size", 2);
            if (cursor != null) {
                r.queryParam("cursor", cursor);
            }
            Response page = r.get(path);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("next");
        } while (cursor != null);
        return seen;
    }
}
