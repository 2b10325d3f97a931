package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.as;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.manager;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** The change calendar as JSON and as an iCalendar feed that ical4j parses back. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class CalendarTest {

    @Test
    void theCalendarListsScheduledChangesAndBlackoutWindowsAsJsonAndICalendar() throws Exception {
        Instant slot = freshSlot();
        UUID service = Api.service("calendar");
        String changeId = Api.scheduledNormal("Upgrade load balancer", slot, Duration.ofHours(1), List.of(service), List.of());
        String number = Api.rita().get(CHANGES + "/" + changeId).then().extract().path("number");
        Api.create(Api.normal("Not scheduled yet", slot, Duration.ofHours(1), List.of(Api.service("calendar-2")), List.of()));
        String blackoutId = Api.created(manager(), CHANGES + "/blackout-windows", Map.of("name", "Board meeting", "startsAt",
                slot.plus(Duration.ofHours(2)).toString(), "endsAt", slot.plus(Duration.ofHours(4)).toString(), "serviceIds",
                List.of(service))).extract().path("id");
        String from = slot.minus(Duration.ofHours(1)).toString();
        String to = slot.plus(Duration.ofHours(5)).toString();

        as("rob", Roles.READER).queryParam("from", from).queryParam("to", to).get(CHANGES + "/calendar")
                .then().statusCode(200)
                .body("changes", hasSize(1)).body("changes[0].number", equalTo(number))
                .body("changes[0].start", equalTo(slot.toString())).body("changes[0].state", equalTo("SCHEDULED"))
                .body("blackoutWindows", hasSize(1)).body("blackoutWindows[0].id", equalTo(blackoutId));

        String ics = as("rob", Roles.READER).accept("text/calendar").queryParam("from", from).queryParam("to", to)
                .get(CHANGES + "/calendar").then().statusCode(200).contentType(containsString("text/calendar"))
                .extract().asString();
        String feed = as("rob", Roles.READER).queryParam("from", from).queryParam("to", to)
                .get(CHANGES + "/calendar/feed.ics").then().statusCode(200).contentType(containsString("text/calendar"))
                .extract().asString();
        Files.writeString(Path.of("target", "example-change-calendar.ics"), feed);

        for (String doc : List.of(ics, feed)) {
            Calendar parsed = new CalendarBuilder().build(new StringReader(doc));
            List<VEvent> events = parsed.getComponents("VEVENT");
            assertEquals(2, events.size(), doc);
            VEvent change = events.stream().filter(e -> uid(e).startsWith(changeId)).findFirst().orElseThrow();
            assertTrue(change.getProperty(Property.SUMMARY).orElseThrow().getValue().startsWith(number));
            Temporal start = change.getDateTimeStart().getDate();
            assertEquals(slot, Instant.from(start));
            assertEquals(slot.plus(Duration.ofHours(1)), Instant.from(change.getDateTimeEnd().getDate()));
            VEvent blackout = events.stream().filter(e -> uid(e).startsWith(blackoutId)).findFirst().orElseThrow();
            assertTrue(blackout.getProperty(Property.SUMMARY).orElseThrow().getValue().contains("Board meeting"));
            assertEquals("2.0", parsed.getProperty(Property.VERSION).orElseThrow().getValue());
            for (VEvent e : events) {
                assertEquals(1, e.getProperties(Property.DTSTAMP).size(), "RFC 5545: exactly one DTSTAMP");
                assertEquals(1, e.getProperties(Property.UID).size(), "RFC 5545: exactly one UID");
            }
        }
    }

    static String uid(VEvent e) {
        return e.getProperty(Property.UID).orElseThrow().getValue();
    }

    @Test
    void aBadRangeIs400() {
        as("rob", Roles.READER).queryParam("from", "2027-01-02T00:00:00Z").queryParam("to", "2027-01-01T00:00:00Z")
                .get(CHANGES + "/calendar").then().statusCode(400).contentType(PROBLEM);
        as("rob", Roles.READER).queryParam("from", "yesterday").get(CHANGES + "/calendar")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("from"));
        as("rob", Roles.READER).queryParam("from", "2027-01-01T00:00:00Z").queryParam("to", "2030-01-01T00:00:00Z")
                .get(CHANGES + "/calendar").then().statusCode(400).contentType(PROBLEM);
    }
}
