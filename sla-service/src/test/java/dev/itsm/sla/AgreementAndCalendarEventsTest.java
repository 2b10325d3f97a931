package dev.itsm.sla;

import static dev.itsm.sla.SlaTestSupport.SLA_TOPIC;
import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.admin;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Agreements and calendars are published facts too: every create, edit, lifecycle step and holiday import
 * puts the resource as REST shows it on itsm.sla.events (issue #17, item 2), valid against asyncapi.yaml.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class AgreementAndCalendarEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyAgreementChangeIsPublishedWithTheAgreementAsRestShowsIt() throws Exception {
        UUID service = SlaTestSupport.knownService();
        String id = agreement("Published " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P1", "PT4H")), Map.of());
        String etag = reader().get("/api/v1/sla/agreements/" + id).then().statusCode(200).extract().header("ETag");
        etag = admin().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("warningThresholds", List.of(60, 90)))
                .patch("/api/v1/sla/agreements/" + id).then().statusCode(200).extract().header("ETag");
        etag = admin().header("If-Match", etag).post("/api/v1/sla/agreements/" + id + "/retire").then().statusCode(200).extract().header("ETag");
        admin().header("If-Match", etag).post("/api/v1/sla/agreements/" + id + "/activate").then().statusCode(200);

        List<Received> mine = TopicReader.await(SLA_TOPIC, 4, WAIT, r -> id.equals(r.key()));
        AsyncApiValidator.load().assertValid(mine);
        List<JsonNode> payloads = payloads(mine);
        assertEquals(List.of("CREATED", "UPDATED", "RETIRED", "ACTIVATED"), field(payloads, "operation"));
        assertEquals(List.of("[]", "[\"warningThresholds\",\"revision\"]", "[\"state\",\"status\"]", "[\"state\",\"status\"]"),
                payloads.stream().map(p -> p.path("changedFields").toString()).toList());
        for (Received r : mine) {
            assertEquals("dev.itsm.sla.SlaAgreementChanged", r.ceType());
            assertEquals(id, r.headers().get("ce_subject"));
        }
        assertEquals(List.of("1", "2", "2", "2"), field(payloads, "revision"));
        assertEquals(List.of("ACTIVE", "ACTIVE", "RETIRED", "ACTIVE"), field(payloads, "state"));
        assertEquals(restView("/api/v1/sla/agreements/" + id), withoutEventFields(payloads.get(3)),
                "the last event carries the agreement exactly as REST shows it");
    }

    @Test
    void everyCalendarChangeAndHolidayImportIsPublishedWithTheCalendarAsRestShowsIt() throws Exception {
        String name = "Published " + UUID.randomUUID();
        String id = admin().body(Map.of("name", name, "timeZone", "Europe/Berlin",
                "weeklyHours", Map.of("MONDAY", List.of(Map.of("start", "09:00", "end", "17:00")))))
                .post("/api/v1/sla/calendars").then().statusCode(201).extract().path("id");
        admin().contentType("application/merge-patch+json").body(Map.of("name", name + " (renamed)"))
                .patch("/api/v1/sla/calendars/" + id).then().statusCode(200);
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itsm test//EN\r\nBEGIN:VEVENT\r\nUID:xmas@test\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Christmas Day\r\nRRULE:FREQ=YEARLY\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n";
        admin().contentType("text/calendar").body(ics).post("/api/v1/sla/calendars/" + id + "/holidays/import").then().statusCode(200);

        List<Received> mine = TopicReader.await(SLA_TOPIC, 3, WAIT, r -> id.equals(r.key()));
        AsyncApiValidator.load().assertValid(mine);
        List<JsonNode> payloads = payloads(mine);
        assertEquals(List.of("CREATED", "UPDATED", "HOLIDAYS_IMPORTED"), field(payloads, "operation"));
        assertEquals(List.of("[]", "[\"name\"]", "[\"holidays\"]"), payloads.stream().map(p -> p.path("changedFields").toString()).toList());
        for (Received r : mine) {
            assertEquals("dev.itsm.sla.SlaCalendarChanged", r.ceType());
        }
        assertEquals("2026-12-25", payloads.get(2).path("holidays").path(0).path("date").asText());
        assertEquals(restView("/api/v1/sla/calendars/" + id), withoutEventFields(payloads.get(2)),
                "the last event carries the calendar exactly as REST shows it");
    }

    static List<JsonNode> payloads(List<Received> records) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        for (Received r : records) {
            payloads.add(JSON.readTree(r.value()));
        }
        return payloads;
    }

    static List<String> field(List<JsonNode> payloads, String name) {
        return payloads.stream().map(p -> p.path(name).asText()).toList();
    }

    static JsonNode restView(String path) throws Exception {
        return JSON.readTree(reader().get(path).then().statusCode(200).extract().asString());
    }

    static JsonNode withoutEventFields(JsonNode payload) {
        ObjectNode view = payload.deepCopy();
        view.remove(List.of("operation", "changedFields", "occurredAt"));
        return view;
    }
}
