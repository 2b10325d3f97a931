package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.newIncident;
import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The incident list's keyset paging ({@code cursor}, {@code next} in body and Link), its counting
 * ({@code count=bounded|exact|none}) and the changes feed ({@code updatedSince}), through REST on the
 * real database. Each test lists the incidents of a service of its own.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class IncidentCursorPagingTest {

    @AfterEach
    void resetClock() {
        TestClock.INSTANCE.reset();
    }

    @Test
    void aCursorWalkSeesEveryIncidentThatExistedExactlyOnceWhileIncidentsAreOpenedConcurrently() throws Exception {
        UUID service = service("Walk");
        for (int i = 0; i < 40; i++) {
            openTitled(service, "walk " + UUID.randomUUID());
        }
        Set<String> before = new HashSet<>(walk(service, "title", 500));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicBoolean walking = new AtomicBoolean(true);
        Future<Integer> inserted = writer.submit(() -> {
            int n = 0;
            while (walking.get() && n < 30) {
                openTitled(service, "walk " + UUID.randomUUID()); // random titles land before and after the cursor
                n++;
            }
            return n;
        });
        List<String> seen;
        try {
            seen = walk(service, "title", 3);
        } finally {
            walking.set(false);
        }
        assertTrue(inserted.get() > 0, "incidents were opened during the walk");
        writer.shutdown();
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no incident twice");
        assertTrue(seen.containsAll(before), "every incident that existed when the walk began was seen");
    }

    @Test
    void aCursorWalkInEveryOrderGivesTheOrderOfOneBigPage() {
        UUID service = service("Orders");
        String[][] cells = { { "LOW", "LOW" }, { "HIGH", "HIGH" }, { "MEDIUM", "MEDIUM" }, { "HIGH", "LOW" } };
        for (int i = 0; i < 12; i++) {
            Map<String, Object> body = newIncident(service, cells[i % 4][0], cells[i % 4][1]);
            body.put("title", "order " + (i % 5)); // equal titles: ties broken by openedAt, id
            if (i % 3 != 0) {
                body.put("assignee", "agent-" + (i % 2)); // and some unassigned: assignee is nullable
            } else {
                body.put("assignmentGroup", "service-desk");
            }
            open(body);
        }
        for (String sort : List.of("", "title", "-title", "priority,-openedAt", "-priority,openedAt", "assignee",
                "-assignee", "state,-number", "-updatedAt", "openedAt")) {
            List<String> whole = walk(service, sort, 500);
            assertEquals(12, whole.size(), sort);
            assertEquals(whole, walk(service, sort, 5), "sort=" + sort + " walked by cursor in pages of 5");
        }
    }

    @Test
    void aCursorForAnotherOrderOrWithAPageNumberIs400NamingTheParameter() {
        UUID service = service("Cursors");
        open(service, "LOW", "LOW");
        open(service, "LOW", "LOW");
        Response first = list(service).queryParam("size", 1).queryParam("sort", "title").get("/api/v1/incidents");
        String byTitle = first.then().statusCode(200).body("next", notNullValue()).extract().path("next");
        list(service).queryParam("cursor", byTitle).queryParam("sort", "-title").get("/api/v1/incidents")
                .then().statusCode(400).contentType(Fixtures.PROBLEM).body("errors[0].field", equalTo("cursor"));
        list(service).queryParam("cursor", byTitle).get("/api/v1/incidents")
                .then().statusCode(400).contentType(Fixtures.PROBLEM).body("errors[0].field", equalTo("cursor"));
        list(service).queryParam("cursor", "not-a-cursor").get("/api/v1/incidents")
                .then().statusCode(400).contentType(Fixtures.PROBLEM).body("errors[0].field", equalTo("cursor"));
        list(service).queryParam("cursor", byTitle).queryParam("sort", "title").queryParam("page", 2).get("/api/v1/incidents")
                .then().statusCode(400).contentType(Fixtures.PROBLEM).body("errors[0].field", equalTo("page"));
        // relevance (q without sort) has cursors of its own: one of sort=title does not continue it
        list(service).queryParam("q", "checkout").queryParam("cursor", byTitle).get("/api/v1/incidents")
                .then().statusCode(400).contentType(Fixtures.PROBLEM).body("errors[0].field", equalTo("cursor"));
        String byRelevance = list(service).queryParam("q", "checkout").queryParam("size", 1).get("/api/v1/incidents")
                .then().statusCode(200).body("items", hasSize(1)).body("next", notNullValue()).body("total", nullValue())
                .header("Link", containsString("cursor=")).extract().path("next");
        list(service).queryParam("q", "checkout").queryParam("sort", "title").queryParam("cursor", byRelevance)
                .get("/api/v1/incidents")
                .then().statusCode(400).contentType(Fixtures.PROBLEM).body("errors[0].field", equalTo("cursor"));
        // a text search with a sort walks by cursor
        list(service).queryParam("q", "checkout").queryParam("sort", "title").queryParam("size", 1)
                .queryParam("cursor", byTitle).get("/api/v1/incidents")
                .then().statusCode(200).body("items", hasSize(1)).body("next", nullValue()).body("page", nullValue());
    }

    @Test
    void aFirstPageCountsUpTo10000ExactlyWhenAskedAndAPageByCursorDoesNotCount() throws Exception {
        UUID service = UUID.randomUUID();
        // more incidents than a bounded count looks at, written straight into the table (REST would take minutes)
        sql("""
                insert into incident (id, number, title, caller, service_id, impact, urgency, priority, state,
                        opened_at, updated_at, version)
                select gen_random_uuid(), 'CNT' || lpad(g::text, 7, '0'), 'Counted ' || g, 'count@example.com', ?,
                       'LOW', 'LOW', 'P5', 'CLOSED', now() - g * interval '1 second', now(), 0
                from generate_series(1, 10005) g""", service);
        try {
            list(service).queryParam("size", 2).get("/api/v1/incidents").then().statusCode(200)
                    .body("total", equalTo(10000)).body("totalExact", equalTo(false)).body("page", equalTo(0))
                    .body("next", notNullValue()).header("Link", not(containsString("rel=\"last\"")));
            list(service).queryParam("size", 2).queryParam("count", "exact").get("/api/v1/incidents").then().statusCode(200)
                    .body("total", equalTo(10005)).body("totalExact", equalTo(true)).header("Link", containsString("rel=\"last\""));
            Response none = list(service).queryParam("size", 2).queryParam("count", "none").get("/api/v1/incidents");
            none.then().statusCode(200).body("total", nullValue()).body("totalExact", nullValue()).body("items", hasSize(2));
            list(service).queryParam("size", 2).queryParam("cursor", none.jsonPath().getString("next")).get("/api/v1/incidents")
                    .then().statusCode(200).body("items", hasSize(2)).body("total", nullValue()).body("page", nullValue());
            list(service).queryParam("size", 2).queryParam("cursor", none.jsonPath().getString("next"))
                    .queryParam("count", "exact").get("/api/v1/incidents")
                    .then().statusCode(200).body("total", equalTo(10005)).body("totalExact", equalTo(true));
            // a search counts only when asked; a small match is exact under a bounded count, a large one bounded
            list(service).queryParam("size", 2).queryParam("q", "10005").get("/api/v1/incidents")
                    .then().statusCode(200).body("items", hasSize(1)).body("total", nullValue());
            list(service).queryParam("size", 2).queryParam("q", "10005").queryParam("count", "bounded").get("/api/v1/incidents")
                    .then().statusCode(200).body("total", equalTo(1)).body("totalExact", equalTo(true));
            list(service).queryParam("size", 2).queryParam("q", "counted").queryParam("count", "bounded").get("/api/v1/incidents")
                    .then().statusCode(200).body("total", equalTo(10000)).body("totalExact", equalTo(false));
            list(service).queryParam("count", "roughly").get("/api/v1/incidents")
                    .then().statusCode(400).contentType(Fixtures.PROBLEM).body("errors[0].field", equalTo("count"));
        } finally {
            sql("delete from incident where service_id = ?", service);
        }
    }

    @Test
    void theFeedServesChangesOnceOlderThanTheSafetyLagAndAnIncidentChangedAfterTheCursorComesAgain() {
        UUID service = service("Feed");
        Instant since = TestClock.INSTANCE.instant().minusMillis(1);
        String a = open(service, "LOW", "LOW");
        String b = open(service, "LOW", "LOW");
        // younger than the safety lag (30 s): a transaction that wrote earlier might still commit, so nothing yet
        feed(service, since).get("/api/v1/incidents").then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        Response first = feed(service, since).queryParam("size", 1).get("/api/v1/incidents");
        first.then().statusCode(200).body("items.id", equalTo(List.of(a))).body("next", notNullValue())
                .header("Link", containsString("rel=\"next\""));
        Response second = feed(service, since).queryParam("cursor", first.jsonPath().getString("next")).get("/api/v1/incidents");
        second.then().statusCode(200).body("items.id", equalTo(List.of(b))).body("next", notNullValue());
        // caught up: an empty page hands the same cursor back
        String resume = second.jsonPath().getString("next");
        feed(service, since).queryParam("cursor", resume).get("/api/v1/incidents")
                .then().statusCode(200).body("items", hasSize(0)).body("next", equalTo(resume));
        // a change to an incident it served comes again, after the cursor
        agent().contentType("application/merge-patch+json").body(Map.of("title", "Renamed after the sync"))
                .patch("/api/v1/incidents/" + a).then().statusCode(200);
        feed(service, since).queryParam("cursor", resume).get("/api/v1/incidents")
                .then().statusCode(200).body("items", hasSize(0));
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        feed(service, since).queryParam("cursor", resume).get("/api/v1/incidents")
                .then().statusCode(200).body("items.id", equalTo(List.of(a))).body("items[0].title", equalTo("Renamed after the sync"));
        feed(service, since).queryParam("sort", "title").get("/api/v1/incidents")
                .then().statusCode(400).contentType(Fixtures.PROBLEM).body("errors[0].field", equalTo("sort"));
        list(service).queryParam("updatedSince", "yesterday").get("/api/v1/incidents")
                .then().statusCode(400).contentType(Fixtures.PROBLEM).body("errors[0].field", equalTo("updatedSince"));
    }

    /** The ids of the service's incidents in {@code sort}'s order, page by page following {@code next}. */
    private static List<String> walk(UUID service, String sort, int size) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification r = list(service).queryParam("size", size).queryParam("sort", sort);
            if (cursor != null) {
                r.queryParam("cursor", cursor);
            }
            Response page = r.get("/api/v1/incidents");
            page.then().statusCode(200).body("page", pages == 0 ? equalTo(0) : nullValue());
            ids.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("next");
            if (cursor != null) {
                assertTrue(page.header("Link").contains("cursor=" + cursor), page.header("Link"));
            }
            pages++;
        } while (cursor != null);
        return ids;
    }

    private static RequestSpecification list(UUID service) {
        return reader().queryParam("serviceId", service.toString());
    }

    private static RequestSpecification feed(UUID service, Instant since) {
        return list(service).queryParam("updatedSince", since.toString());
    }

    private static UUID service(String name) {
        UUID id = UUID.randomUUID();
        Fixtures.publishService("ServiceCreated", id, name, "LIVE");
        return id;
    }

    private static void openTitled(UUID service, String title) {
        Map<String, Object> body = newIncident(service, "MEDIUM", "MEDIUM");
        body.put("title", title);
        open(body);
    }

    private static void sql(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(Fixtures.DATABASE),
                TestInfrastructure.dbUser(), TestInfrastructure.dbPassword()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
