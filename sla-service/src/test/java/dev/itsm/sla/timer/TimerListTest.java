package dev.itsm.sla.timer;

import static dev.itsm.sla.SlaTestSupport.PROBLEM;
import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.sla.SlaTestSupport.Incident;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The timer list over REST on the real database: a cursor walk that sees every timer exactly once while
 * timers are started concurrently, cursors tied to their sort, the count modes, and the changes feed with
 * its safety lag. Each test lists the timers of its own agreement; targets are days long, so moving the
 * clock by the feed's safety lag announces nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class TimerListTest {

    static final String TIMERS = "/api/v1/sla/timers";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestClock CLOCK = TestClock.INSTANCE;

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    /** An agreement of its own (a P3 response and resolution target, days long) on a service of its own. */
    record Setup(UUID serviceId, String agreementId) {

        static Setup create(String name) {
            UUID service = knownService();
            String id = agreement(name + " " + service, service, TWENTY_FOUR_SEVEN,
                    List.of(target("TIME_TO_RESPOND", "P3", "P5D"), target("TIME_TO_RESOLVE", "P3", "P10D")), Map.of());
            return new Setup(service, id);
        }

        /** Opens an incident at a random instant of the last twelve hours: its two timers start then. */
        Incident open() {
            Instant openedAt = CLOCK.instant().minusSeconds(ThreadLocalRandom.current().nextLong(12 * 3600)).truncatedTo(ChronoUnit.MILLIS);
            Incident inc = new Incident(serviceId, "P3", openedAt);
            inc.publish("IncidentOpened", openedAt);
            return inc;
        }

        RequestSpecification list() {
            return reader().queryParam("agreementId", agreementId);
        }

        void awaitTimers(int n) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(
                    () -> list().queryParam("count", "exact").get(TIMERS).then().statusCode(200).extract().jsonPath().getInt("total") == n);
        }

        /** Every timer id, walking the cursor in {@code sort}'s order, {@code size} per page. */
        List<String> walk(String sort, int size) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                RequestSpecification r = list().queryParam("size", size).queryParam("sort", sort);
                if (cursor != null) {
                    r.queryParam("cursor", cursor);
                }
                Response page = r.get(TIMERS);
                page.then().statusCode(200);
                seen.addAll(page.jsonPath().getList("items.id"));
                cursor = page.jsonPath().getString("next");
                if (cursor != null) {
                    assertTrue(page.header("Link").contains("cursor=" + cursor), page.header("Link"));
                }
            } while (cursor != null);
            return seen;
        }
    }

    @Test
    void aCursorWalkSeesEveryTimerExactlyOnceWhileTimersAreStartedConcurrently() throws Exception {
        Setup s = Setup.create("Walk");
        for (int i = 0; i < 12; i++) {
            s.open();
        }
        s.awaitTimers(24);
        Set<String> before = new HashSet<>(s.walk("startedAt,agreementName,metric", 500));
        assertEquals(24, before.size());
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicBoolean walking = new AtomicBoolean(true);
        Future<Integer> opened = writer.submit(() -> {
            int n = 0;
            while (walking.get() && n < 20) {
                s.open(); // random start instants land before and after the cursor
                n++;
            }
            return n;
        });
        List<String> seen = new ArrayList<>();
        try {
            String cursor = null;
            int pages = 0;
            do {
                RequestSpecification r = s.list().queryParam("size", 3);
                if (cursor != null) {
                    r.queryParam("cursor", cursor);
                }
                Response page = r.get(TIMERS);
                page.then().statusCode(200).body("page", pages == 0 ? equalTo(0) : nullValue());
                seen.addAll(page.jsonPath().getList("items.id"));
                cursor = page.jsonPath().getString("next");
                pages++;
                // give the consumer time to start timers between pages: the walk must meet them
                if (pages % 3 == 0) {
                    int expected = seen.size();
                    await().atMost(WAIT).until(() -> opened.isDone() || s.list().queryParam("count", "exact").get(TIMERS)
                            .jsonPath().getInt("total") > expected);
                }
            } while (cursor != null);
        } finally {
            walking.set(false);
        }
        assertTrue(opened.get() > 0, "timers were started during the walk");
        writer.shutdown();
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no timer twice: " + seen);
        assertTrue(seen.containsAll(before), "every timer that existed when the walk began was seen");
    }

    @Test
    void everyAllowedSortWalksEveryTimerOnceInBothDirectionsAlsoOverNullDueTimes() {
        Setup s = Setup.create("Sorts");
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            incidents.add(s.open());
        }
        s.awaitTimers(12);
        // two incidents on hold: their timers pause, and a paused timer has no due time
        for (Incident inc : incidents.subList(0, 2)) {
            inc.set("state", "ON_HOLD").set("holdReason", "AWAITING_CALLER").publish("IncidentPutOnHold", CLOCK.instant());
        }
        await().atMost(WAIT).until(() -> s.list().queryParam("state", "PAUSED").get(TIMERS).jsonPath().getList("items").size() == 4);
        Set<String> all = new HashSet<>(s.walk("startedAt", 500));
        assertEquals(12, all.size());
        for (String field : TimerQueries.SORTABLE.keySet()) {
            for (String sort : List.of(field, "-" + field)) {
                List<String> seen = s.walk(sort, 5);
                assertEquals(12, seen.size(), sort + ": " + seen);
                assertEquals(all, new HashSet<>(seen), sort);
            }
        }
        List<String> byDue = s.walk("dueAt", 5);
        List<Object> dueTimes = s.list().queryParam("sort", "dueAt").queryParam("size", 500).get(TIMERS).jsonPath().getList("items.dueAt");
        assertEquals(byDue, s.list().queryParam("sort", "dueAt").queryParam("size", 500).get(TIMERS).jsonPath().getList("items.id"),
                "pages of 5 follow the order of one page");
        assertTrue(dueTimes.subList(8, 12).stream().allMatch(d -> d == null), "paused timers (no due time) last: " + dueTimes);
    }

    @Test
    void aCursorIsForTheSortThatGaveItOutAndNotForAPageNumber() {
        Setup s = Setup.create("Cursor");
        s.open();
        s.awaitTimers(2);
        String byDue = s.list().queryParam("size", 1).queryParam("sort", "dueAt").get(TIMERS).jsonPath().getString("next");
        s.list().queryParam("cursor", byDue).queryParam("sort", "-startedAt").get(TIMERS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        s.list().queryParam("cursor", byDue).get(TIMERS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        s.list().queryParam("cursor", "not-a-cursor").get(TIMERS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        s.list().queryParam("cursor", byDue).queryParam("sort", "dueAt").queryParam("page", 2).get(TIMERS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("page"));
        s.list().queryParam("cursor", byDue).queryParam("sort", "dueAt").get(TIMERS)
                .then().statusCode(200).body("items", hasSize(1)).body("next", nullValue());
    }

    @Test
    void aFirstPageCountsBoundedByDefaultExactOnDemandAndAPageByCursorDoesNotCount() {
        Setup s = Setup.create("Count");
        s.open();
        s.open();
        s.awaitTimers(4);
        Response first = s.list().queryParam("size", 1).get(TIMERS);
        first.then().statusCode(200).body("total", equalTo(4)).body("totalExact", equalTo(true)).body("page", equalTo(0))
                .body("next", notNullValue()).header("Link", containsString("rel=\"last\""));
        s.list().queryParam("size", 1).queryParam("count", "exact").get(TIMERS)
                .then().statusCode(200).body("total", equalTo(4)).body("totalExact", equalTo(true));
        s.list().queryParam("size", 1).queryParam("count", "none").get(TIMERS)
                .then().statusCode(200).body("total", nullValue()).body("totalExact", nullValue())
                .header("Link", not(containsString("rel=\"last\"")));
        s.list().queryParam("size", 1).queryParam("cursor", first.jsonPath().getString("next")).get(TIMERS)
                .then().statusCode(200).body("items", hasSize(1)).body("total", nullValue()).body("page", nullValue());
        s.list().queryParam("size", 1).queryParam("cursor", first.jsonPath().getString("next")).queryParam("count", "exact").get(TIMERS)
                .then().statusCode(200).body("total", equalTo(4));
        s.list().queryParam("count", "roughly").get(TIMERS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("count"));
    }

    @Test
    void theFeedServesTimersOnceTheirChangeIsOlderThanTheSafetyLagAndAChangedTimerComesAgain() {
        Setup s = Setup.create("Feed");
        Instant since = CLOCK.instant().minusMillis(1);
        Incident inc = s.open();
        s.awaitTimers(2);
        // younger than the safety lag (30 s): a transaction that wrote earlier might still commit, so nothing yet
        s.list().queryParam("updatedSince", since.toString()).get(TIMERS)
                .then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
        CLOCK.advance(Duration.ofSeconds(31));
        Response first = s.list().queryParam("updatedSince", since.toString()).queryParam("size", 1).get(TIMERS);
        first.then().statusCode(200).body("items", hasSize(1)).body("next", notNullValue());
        Response second = s.list().queryParam("updatedSince", since.toString()).queryParam("cursor", first.jsonPath().getString("next"))
                .get(TIMERS);
        second.then().statusCode(200).body("items", hasSize(1)).body("next", notNullValue());
        Set<String> both = new HashSet<>(List.of(first.jsonPath().getString("items[0].id"), second.jsonPath().getString("items[0].id")));
        assertEquals(2, both.size());
        // caught up: the last page still says where to resume; an empty page hands the same cursor back
        String resume = second.jsonPath().getString("next");
        s.list().queryParam("updatedSince", since.toString()).queryParam("cursor", resume).get(TIMERS)
                .then().statusCode(200).body("items", hasSize(0)).body("next", equalTo(resume))
                .header("Link", not(containsString("rel=\"next\"")));
        // the incident goes on hold: both timers pause, and come again after the cursor once the change is old enough
        inc.set("state", "ON_HOLD").set("holdReason", "AWAITING_CALLER").publish("IncidentPutOnHold", CLOCK.instant());
        await().atMost(WAIT).until(() -> s.list().queryParam("state", "PAUSED").get(TIMERS).jsonPath().getList("items").size() == 2);
        s.list().queryParam("updatedSince", since.toString()).queryParam("cursor", resume).get(TIMERS)
                .then().statusCode(200).body("items", hasSize(0));
        CLOCK.advance(Duration.ofSeconds(31));
        s.list().queryParam("updatedSince", since.toString()).queryParam("cursor", resume).get(TIMERS)
                .then().statusCode(200).body("items", hasSize(2)).body("items.state", everyItem(equalTo("PAUSED")));
        s.list().queryParam("updatedSince", "yesterday").get(TIMERS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("updatedSince"));
        s.list().queryParam("updatedSince", since.toString()).queryParam("sort", "startedAt").get(TIMERS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("sort"));
    }
}
