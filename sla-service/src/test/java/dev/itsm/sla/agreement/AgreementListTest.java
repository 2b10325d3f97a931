package dev.itsm.sla.agreement;

import static dev.itsm.sla.SlaTestSupport.PROBLEM;
import static dev.itsm.sla.SlaTestSupport.admin;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The agreement and calendar lists over REST: cursor walks in each allowed order, the count modes, and the
 * agreements' changes feed. Each test lists the agreements of a calendar of its own (or calendars named
 * with its own tag).
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class AgreementListTest {

    static final String AGREEMENTS = "/api/v1/sla/agreements";
    static final String CALENDARS = "/api/v1/sla/calendars";
    static final TestClock CLOCK = TestClock.INSTANCE;

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    static String calendar(String name) {
        return admin().body(Map.of("name", name, "timeZone", "Europe/Berlin",
                "weeklyHours", Map.of("MONDAY", List.of(Map.of("start", "09:00", "end", "17:00")))))
                .post(CALENDARS).then().statusCode(201).extract().path("id");
    }

    static List<String> reversed(List<String> list) {
        List<String> r = new ArrayList<>(list);
        Collections.reverse(r);
        return r;
    }

    static String agreementOn(String calendarId, String name) {
        return agreement(name, knownService(), calendarId, List.of(target("TIME_TO_RESOLVE", "P2", "PT8H")), Map.of());
    }

    /** Every item's {@code field}, walking the cursor of {@code list} in {@code sort}'s order, {@code size} per page. */
    static List<String> walk(String path, Supplier<RequestSpecification> list, String sort, int size, String field) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification r = list.get().queryParam("size", size).queryParam("sort", sort);
            if (cursor != null) {
                r.queryParam("cursor", cursor);
            }
            Response page = r.get(path);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items." + field));
            cursor = page.jsonPath().getString("next");
        } while (cursor != null);
        return seen;
    }

    @Test
    void agreementsAreWalkedByCursorInEveryAllowedOrderEachOnce() {
        String calendar = calendar("Agreements walk " + UUID.randomUUID());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add("Walk " + tag + " " + i);
            agreementOn(calendar, names.get(i));
        }
        assertEquals(names, walk(AGREEMENTS, () -> reader().queryParam("calendarId", calendar), "name", 2, "name"));
        assertEquals(reversed(names), walk(AGREEMENTS, () -> reader().queryParam("calendarId", calendar), "-name", 2, "name"));
        for (String sort : List.of("type", "-type", "createdAt", "-createdAt", "updatedAt", "-updatedAt")) {
            List<String> seen = walk(AGREEMENTS, () -> reader().queryParam("calendarId", calendar), sort, 2, "name");
            assertEquals(5, seen.size(), sort + ": " + seen);
            assertEquals(new HashSet<>(names), new HashSet<>(seen), sort);
        }
        Response first = reader().queryParam("calendarId", calendar).queryParam("size", 2).get(AGREEMENTS);
        first.then().statusCode(200).body("total", equalTo(5)).body("totalExact", equalTo(true)).body("page", equalTo(0))
                .body("next", notNullValue());
        reader().queryParam("calendarId", calendar).queryParam("cursor", first.jsonPath().getString("next")).get(AGREEMENTS)
                .then().statusCode(200).body("total", nullValue()).body("page", nullValue());
        reader().queryParam("calendarId", calendar).queryParam("count", "none").get(AGREEMENTS)
                .then().statusCode(200).body("total", nullValue()).body("items", hasSize(5));
        reader().queryParam("calendarId", calendar).queryParam("cursor", first.jsonPath().getString("next")).queryParam("sort", "type")
                .get(AGREEMENTS).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void theAgreementFeedServesChangesOnceOlderThanTheSafetyLagAndAChangedAgreementComesAgain() {
        String calendar = calendar("Agreements feed " + UUID.randomUUID());
        Instant since = CLOCK.instant().minusMillis(1);
        String a = agreementOn(calendar, "Feed a " + UUID.randomUUID());
        String b = agreementOn(calendar, "Feed b " + UUID.randomUUID());
        RequestSpecification feed = reader().queryParam("calendarId", calendar).queryParam("updatedSince", since.toString());
        feed.get(AGREEMENTS).then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
        CLOCK.advance(Duration.ofSeconds(31));
        Response first = reader().queryParam("calendarId", calendar).queryParam("updatedSince", since.toString()).queryParam("size", 1)
                .get(AGREEMENTS);
        first.then().statusCode(200).body("items.id", equalTo(List.of(a))).body("next", notNullValue());
        Response second = reader().queryParam("calendarId", calendar).queryParam("updatedSince", since.toString())
                .queryParam("cursor", first.jsonPath().getString("next")).get(AGREEMENTS);
        second.then().statusCode(200).body("items.id", equalTo(List.of(b))).body("next", notNullValue());
        String resume = second.jsonPath().getString("next");
        reader().queryParam("calendarId", calendar).queryParam("updatedSince", since.toString()).queryParam("cursor", resume)
                .get(AGREEMENTS).then().statusCode(200).body("items", hasSize(0)).body("next", equalTo(resume))
                .header("Link", not(containsString("rel=\"next\"")));
        // retiring a, which the client already has, brings it again after the cursor
        admin().header("If-Match", "\"0\"").post(AGREEMENTS + "/" + a + "/retire").then().statusCode(200);
        CLOCK.advance(Duration.ofSeconds(31));
        reader().queryParam("calendarId", calendar).queryParam("updatedSince", since.toString()).queryParam("cursor", resume)
                .get(AGREEMENTS).then().statusCode(200).body("items.id", equalTo(List.of(a))).body("items[0].state", equalTo("RETIRED"));
        reader().queryParam("updatedSince", since.toString()).queryParam("sort", "name").get(AGREEMENTS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("sort"));
        reader().queryParam("updatedSince", "last week").get(AGREEMENTS)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("updatedSince"));
    }

    @Test
    void calendarsAreWalkedByCursorInEveryAllowedOrderEachOnce() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add("Walk " + tag + " " + i);
            calendar(names.get(i));
        }
        assertEquals(names, walk(CALENDARS, () -> reader().queryParam("name", tag), "name", 2, "name"));
        assertEquals(reversed(names), walk(CALENDARS, () -> reader().queryParam("name", tag), "-name", 2, "name"));
        assertEquals(names, walk(CALENDARS, () -> reader().queryParam("name", tag), "createdAt", 2, "name"));
        assertEquals(reversed(names), walk(CALENDARS, () -> reader().queryParam("name", tag), "-createdAt", 2, "name"));
        Response first = reader().queryParam("name", tag).queryParam("size", 2).get(CALENDARS);
        first.then().statusCode(200).body("total", equalTo(5)).body("totalExact", equalTo(true));
        reader().queryParam("name", tag).queryParam("cursor", first.jsonPath().getString("next")).queryParam("sort", "-createdAt")
                .get(CALENDARS).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("cursor"));
        reader().queryParam("name", tag).queryParam("count", "exact").queryParam("cursor", first.jsonPath().getString("next")).get(CALENDARS)
                .then().statusCode(200).body("total", equalTo(5)).body("items", hasSize(3));
    }
}
