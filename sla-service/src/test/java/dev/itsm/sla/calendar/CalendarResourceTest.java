package dev.itsm.sla.calendar;

import static dev.itsm.sla.SlaTestSupport.PROBLEM;
import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.admin;
import static dev.itsm.sla.SlaTestSupport.reader;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class CalendarResourceTest {

    static Map<String, Object> office(String name) {
        return Map.of("name", name, "timeZone", "Europe/Berlin",
                "weeklyHours", Map.of("MONDAY", List.of(Map.of("start", "09:00", "end", "12:00"), Map.of("start", "13:00", "end", "17:00")),
                        "FRIDAY", List.of(Map.of("start", "09:00", "end", "15:00"))),
                "holidays", List.of(Map.of("date", "2026-12-25", "name", "Christmas Day", "yearly", true)));
    }

    static String create(String name) {
        return admin().body(office(name)).post("/api/v1/sla/calendars").then().statusCode(201).extract().path("id");
    }

    @Test
    void aCalendarIsCreatedWithSeveralIntervalsPerDayAndShownWithItsETag() {
        String name = "Berlin " + UUID.randomUUID();
        String id = admin().body(office(name)).post("/api/v1/sla/calendars")
                .then().statusCode(201).header("Location", containsString("/api/v1/sla/calendars/")).header("ETag", "\"0\"")
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("weeklyHours.MONDAY.start", equalTo(List.of("09:00", "13:00")))
                .body("holidays[0].yearly", equalTo(true))
                .extract().path("id");
        reader().get("/api/v1/sla/calendars/" + id).then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo(name));
    }

    @Test
    void theBuiltIn24x7CalendarExistsAndCannotBeChanged() {
        reader().get("/api/v1/sla/calendars/" + TWENTY_FOUR_SEVEN).then().statusCode(200)
                .body("builtIn", equalTo(true)).body("weeklyHours.SUNDAY[0].end", equalTo("24:00"));
        admin().contentType("application/merge-patch+json").body("{\"name\":\"mine\"}")
                .patch("/api/v1/sla/calendars/" + TWENTY_FOUR_SEVEN).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/calendar-built-in"));
    }

    @Test
    void invalidCalendarsAreRejectedNamingEachField() {
        admin().body(Map.of("name", " ", "timeZone", "Mars/Olympus",
                "weeklyHours", Map.of("MONDAY", List.of(Map.of("start", "17:00", "end", "09:00")),
                        "TUESDAY", List.of(Map.of("start", "09:00", "end", "13:00"), Map.of("start", "12:00", "end", "17:00")),
                        "WEDNESDAY", List.of(Map.of("start", "9:00", "end", "25:00")))))
                .post("/api/v1/sla/calendars").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("name", "timeZone", "weeklyHours.MONDAY[0]", "weeklyHours.TUESDAY", "weeklyHours.WEDNESDAY[0]"))
                .body("errors.find { it.field == 'timeZone' }.message", containsString("IANA"))
                .body("errors.find { it.field == 'weeklyHours.TUESDAY' }.message", containsString("overlap"));
        admin().body(Map.of("name", "empty", "timeZone", "UTC", "weeklyHours", Map.of()))
                .post("/api/v1/sla/calendars").then().statusCode(400)
                .body("errors[0].field", equalTo("weeklyHours")).body("errors[0].message", containsString("at least one"));
        admin().body(Map.of("name", "bad day", "timeZone", "UTC", "weeklyHours", Map.of("FUNDAY", List.of())))
                .post("/api/v1/sla/calendars").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aCalendarListsAtMostAThousandHolidays() {
        List<Map<String, Object>> days = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 1001; i++) {
            days.add(Map.of("date", first.plusDays(i).toString(), "name", "day off"));
        }
        Map<String, Object> body = new HashMap<>(office("Many holidays " + UUID.randomUUID()));
        body.put("holidays", days);
        admin().body(body).post("/api/v1/sla/calendars").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("holidays")).body("errors[0].message", containsString("at most 1000"));

        String id = create("Import " + UUID.randomUUID());
        String etag = reader().get("/api/v1/sla/calendars/" + id).then().extract().header("ETag");
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
        for (int i = 0; i < 40; i++) { // 40 events of 30 days each
            LocalDate start = first.plusDays(30L * i);
            ics.append("BEGIN:VEVENT\r\nUID:long").append(i).append("@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:")
                    .append(start.toString().replace("-", "")).append("\r\nDTEND;VALUE=DATE:").append(start.plusDays(30).toString().replace("-", ""))
                    .append("\r\nSUMMARY:Closed\r\nEND:VEVENT\r\n");
        }
        ics.append("END:VCALENDAR\r\n");
        admin().contentType("text/calendar").header("If-Match", etag).body(ics.toString()).post("/api/v1/sla/calendars/" + id + "/holidays/import")
                .then().statusCode(400).body("errors[0].field", equalTo("holidays"));
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        String name = "Unique " + UUID.randomUUID();
        create(name);
        String first = reader().queryParam("name", name).get("/api/v1/sla/calendars").then().statusCode(200).extract().path("items[0].id");
        admin().body(office(name.toUpperCase())).post("/api/v1/sla/calendars").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/duplicate-key"))
                .body("field", equalTo("name")).body("value", equalTo(name.toUpperCase()))
                .body("existingId", equalTo(first));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = office("Idem " + key);
        String first = admin().header("Idempotency-Key", key).body(body).post("/api/v1/sla/calendars").then().statusCode(201).extract().path("id");
        admin().header("Idempotency-Key", key).body(body).post("/api/v1/sla/calendars").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }

    @Test
    void patchIsAMergePatchHonouringIfMatch() {
        String id = create("Patch " + UUID.randomUUID());
        admin().contentType("application/merge-patch+json").header("If-Match", "\"7\"").body("{\"timeZone\":\"America/New_York\"}")
                .patch("/api/v1/sla/calendars/" + id).then().statusCode(412).contentType(PROBLEM);
        admin().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"timeZone\":\"America/New_York\",\"weeklyHours\":{\"FRIDAY\":null,\"SATURDAY\":[{\"start\":\"10:00\",\"end\":\"14:00\"}]}}")
                .patch("/api/v1/sla/calendars/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("timeZone", equalTo("America/New_York"))
                .body("weeklyHours.FRIDAY", equalTo(null))
                .body("weeklyHours.SATURDAY[0].start", equalTo("10:00"))
                .body("weeklyHours.MONDAY.size()", equalTo(2));
        admin().contentType("application/merge-patch+json").body("{\"timeZone\":\"Nowhere/Else\"}")
                .patch("/api/v1/sla/calendars/" + id).then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
    }

    @Test
    void concurrentEditsWithTheSameETagLetExactlyOneWin() throws Exception {
        String id = create("Race " + UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> edits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String zone = List.of("UTC", "Europe/Paris", "Asia/Tokyo", "America/Chicago").get(i);
                edits.add(() -> admin().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                        .body("{\"timeZone\":\"" + zone + "\"}").patch("/api/v1/sla/calendars/" + id).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(edits)) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertEquals(3, codes.stream().filter(c -> c == 409 || c == 412).count(), codes.toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void holidaysAreImportedFromAnIcsBody() {
        String id = create("Ics " + UUID.randomUUID());
        String ics = """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//itsm test//holidays//EN\r
                BEGIN:VEVENT\r
                UID:ny@test\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;VALUE=DATE:20270101\r
                SUMMARY:New Year\r
                RRULE:FREQ=YEARLY\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:easter@test\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;VALUE=DATE:20270326\r
                DTEND;VALUE=DATE:20270330\r
                SUMMARY:Easter\r
                END:VEVENT\r
                END:VCALENDAR\r
                """;
        admin().contentType("text/calendar").body(ics).post("/api/v1/sla/calendars/" + id + "/holidays/import")
                .then().statusCode(200)
                .body("holidays.date", equalTo(List.of("2026-12-25", "2027-01-01", "2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29")))
                .body("holidays.find { it.date == '2027-01-01' }.yearly", equalTo(true))
                .body("holidays.find { it.date == '2027-03-27' }.name", equalTo("Easter"));
        admin().contentType("text/calendar").body("this is not ics").post("/api/v1/sla/calendars/" + id + "/holidays/import")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("body"));
    }

    @Test
    void anImportInAnotherContentTypeIs415NamingTextCalendar() {
        String id = create("Wrong type " + UUID.randomUUID());
        admin().contentType("application/json").body("{\"holidays\":[]}").post("/api/v1/sla/calendars/" + id + "/holidays/import")
                .then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/unsupported-media-type"))
                .body("detail", containsString("text/calendar"))
                .body("detail", not(containsString("send application/json")));
        reader().contentType("text/calendar").body("BEGIN:VCALENDAR").post("/api/v1/sla/calendars/" + id + "/holidays/import")
                .then().statusCode(403);
    }

    @Test
    void listsArePagedSortedAndFiltered() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        create("List " + tag + " b");
        create("List " + tag + " a");
        reader().queryParam("name", tag).queryParam("size", 1).queryParam("sort", "-name").get("/api/v1/sla/calendars")
                .then().statusCode(200).header("Link", containsString("rel=\"next\""))
                .body("total", equalTo(2)).body("items[0].name", equalTo("List " + tag + " b"));
        reader().queryParam("sort", "zone").get("/api/v1/sla/calendars").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("sort"));
        reader().get("/api/v1/sla/calendars/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        reader().get("/api/v1/sla/calendars/not-a-uuid").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        reader().get("/api/v1/sla/calendars").then().body("items.name", hasItem("24x7"));
    }
}
