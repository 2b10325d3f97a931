package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.PROBLEM;
import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.command;
import static dev.itsm.incident.Fixtures.liveService;
import static dev.itsm.incident.Fixtures.newIncident;
import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class IncidentLifecycleTest {

    @Inject
    AutoCloser autoCloser;
    @Inject
    TestClock clock;

    @Test
    void anIncidentGoesThroughItsWholeLifecycleWithHistoryAndEventsOnTheTopic() throws Exception {
        UUID service = liveService();
        Response created = agent().body(newIncident(service, "HIGH", "MEDIUM")).post("/api/v1/incidents");
        created.then().statusCode(201)
                .header("ETag", "\"0\"")
                .header("Location", containsString("/api/v1/incidents/"))
                .body("number", matchesPattern("INC\\d{7}"))
                .body("state", equalTo("NEW"))
                .body("priority", equalTo("P2"))
                .body("serviceName", equalTo("Online Shop"))
                .body("allowedCommands", hasItem("acknowledge"));
        String id = created.path("id");

        command(id, "acknowledge", null).then().statusCode(200).body("state", equalTo("IN_PROGRESS"))
                .body("acknowledgedAt", notNullValue()).header("ETag", "\"1\"");
        command(id, "assign", Map.of("assignmentGroup", "payments-2nd-line", "assignee", "bob")).then().statusCode(200)
                .body("assignee", equalTo("bob"));
        command(id, "hold", Map.of("reason", "AWAITING_VENDOR", "note", "Vendor ticket VND-4411")).then().statusCode(200)
                .body("state", equalTo("ON_HOLD")).body("holdReason", equalTo("AWAITING_VENDOR"));
        command(id, "resume", null).then().statusCode(200).body("state", equalTo("IN_PROGRESS"))
                .body("holdReason", nullValue());
        command(id, "resolve", Map.of("resolutionCode", "WORKAROUND", "notes", "Failed over")).then().statusCode(200)
                .body("state", equalTo("RESOLVED")).body("resolutionCode", equalTo("WORKAROUND"));
        command(id, "reopen", Map.of("reason", "Caller sees the error again")).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS")).body("reopenCount", equalTo(1));
        command(id, "resolve", Map.of("resolutionCode", "PERMANENT_FIX", "notes", "Gateway patched")).then().statusCode(200);
        command(id, "close", null).then().statusCode(200).body("state", equalTo("CLOSED"))
                .body("closedAt", notNullValue()).body("allowedCommands", hasSize(0)).header("ETag", "\"8\"");

        command(id, "close", null).then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("CLOSED"))
                .body("allowedCommands", hasSize(0))
                .body("detail", containsString("in state CLOSED"));

        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("open", "acknowledge", "assign", "hold", "resume", "resolve", "reopen", "resolve", "close"),
                history.getList("items.action"));
        assertEquals("alice", history.getString("items[3].actor"));
        Map<String, String> holdState = history.getMap("items[3].changes.find { it.field == 'state' }");
        assertEquals("IN_PROGRESS", holdState.get("from"));
        assertEquals("ON_HOLD", holdState.get("to"));
        assertEquals("Vendor ticket VND-4411", reader().get("/api/v1/incidents/" + id + "/notes")
                .then().statusCode(200).extract().path("items[0].text"), "the hold note is kept as a work note");

        List<Received> events = Fixtures.events(id, 9);
        assertEquals(List.of("IncidentOpened", "IncidentAcknowledged", "IncidentAssigned", "IncidentPutOnHold",
                "IncidentResumed", "IncidentResolved", "IncidentReopened", "IncidentResolved", "IncidentClosed"),
                events.stream().map(r -> r.ceType().substring("dev.itsm.incident.".length())).toList());
        Received opened = events.get(0);
        assertEquals("1.0", opened.header("ce_specversion"));
        assertNotNull(UUID.fromString(opened.ceId()));
        assertEquals("/itsm/incident-service", opened.header("ce_source"));
        assertEquals(id, opened.header("ce_subject"));
        assertNotNull(OffsetDateTime.parse(opened.header("ce_time")));
        assertEquals("application/json", opened.header("content-type"));
        JsonNode resolved = Fixtures.JSON.readTree(events.get(5).value());
        assertEquals(id, resolved.get("incidentId").asText());
        assertEquals("RESOLVED", resolved.get("state").asText());
        assertEquals("WORKAROUND", resolved.get("resolutionCode").asText());
        assertEquals("P2", resolved.get("priority").asText());
        assertEquals("bob", resolved.get("assignee").asText());
        assertEquals(service.toString(), resolved.get("serviceId").asText());
        JsonNode first = Fixtures.JSON.readTree(events.get(0).value());
        assertEquals(first.get("openedAt").asText(), resolved.get("openedAt").asText(), "openedAt is the same fact in every event");
        JsonNode putOnHold = Fixtures.JSON.readTree(events.get(3).value());
        assertEquals("AWAITING_VENDOR", putOnHold.get("holdReason").asText());
    }

    @Test
    void anIllegalCommandIs409NamingTheCurrentStateAndTheAllowedCommands() {
        String id = open();
        command(id, "resume", null).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/illegal-transition"))
                .body("currentState", equalTo("NEW"))
                .body("command", equalTo("resume"))
                .body("allowedCommands", equalTo(List.of("acknowledge", "assign", "cancel", "declare-major", "update")));
        command(id, "cancel", Map.of("reason", "logged twice")).then().statusCode(200).body("state", equalTo("CANCELED"))
                .body("cancelReason", equalTo("logged twice"));
        command(id, "acknowledge", null).then().statusCode(409).body("currentState", equalTo("CANCELED"));
        agent().contentType("application/merge-patch+json").body("{\"title\":\"late edit\"}")
                .patch("/api/v1/incidents/" + id).then().statusCode(409).body("command", equalTo("update"));
    }

    @Test
    void aServiceThatIsNotLiveRefusesNewIncidentsWith422NamingIt() {
        UUID pipeline = UUID.randomUUID();
        Fixtures.publishService("ServiceCreated", pipeline, "Mobile App Beta", "PIPELINE");
        agent().body(newIncident(pipeline, "LOW", "LOW")).post("/api/v1/incidents")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/service-not-live"))
                .body("serviceName", equalTo("Mobile App Beta"))
                .body("serviceStatus", equalTo("PIPELINE"))
                .body("detail", containsString("Mobile App Beta"));
        UUID unknown = UUID.randomUUID();
        agent().body(newIncident(unknown, "LOW", "LOW")).post("/api/v1/incidents")
                .then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/unknown-service"))
                .body("detail", containsString(unknown.toString()));
    }

    @Test
    void badInputIs400NamingTheFields() {
        Map<String, Object> body = newIncident(liveService(), "HUGE", "HIGH");
        agent().body(body).post("/api/v1/incidents").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("impact"))
                .body("errors[0].message", containsString("HIGH, MEDIUM, LOW"));
        agent().body(Map.of("caller", "x")).post("/api/v1/incidents").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("title")).body("errors.field", hasItem("serviceId"));
        agent().body("{\"title\":").post("/api/v1/incidents").then().statusCode(400).contentType(PROBLEM);
        String id = open();
        command(id, "hold", Map.of("reason", "AWAITING_CALLER")).then().statusCode(409); // NEW cannot be put on hold
        command(id, "acknowledge", null).then().statusCode(200);
        command(id, "hold", Map.of("reason", "BORED")).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        command(id, "assign", Map.of()).then().statusCode(400).body("errors[0].field", equalTo("assignmentGroup"));
        command(id, "resolve", Map.of("resolutionCode", "WORKAROUND")).then().statusCode(400)
                .body("errors[0].field", equalTo("notes"));
        agent().get("/api/v1/incidents/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        agent().get("/api/v1/incidents?state=SLEEPING").then().statusCode(400).body("errors[0].field", equalTo("state"));
        agent().get("/api/v1/incidents?openedFrom=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("openedFrom"));
        agent().get("/api/v1/incidents?sort=caller").then().statusCode(400).body("errors[0].field", equalTo("sort"));
        agent().get("/api/v1/incidents?size=lots").then().statusCode(400).body("errors[0].field", equalTo("size"));
        agent().get("/api/v1/incidents?size=501").then().statusCode(400).body("errors[0].field", equalTo("size"));
        agent().get("/api/v1/incidents/" + id + "/history?page=-1").then().statusCode(400).body("errors[0].field", equalTo("page"));
        agent().contentType("application/merge-patch+json").body("[1]").patch("/api/v1/incidents/" + id)
                .then().statusCode(400).contentType(PROBLEM);
        agent().contentType("application/merge-patch+json").body("{\"impact\":null}").patch("/api/v1/incidents/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("impact"));
    }

    @Test
    void aMergePatchEditsFieldsAndRecomputesThePriorityHonouringIfMatch() throws Exception {
        String id = open(liveService(), "HIGH", "MEDIUM");
        agent().contentType("application/merge-patch+json").header("If-Match", "\"7\"")
                .body("{\"urgency\":\"HIGH\"}").patch("/api/v1/incidents/" + id)
                .then().statusCode(412).contentType(PROBLEM).body("currentVersion", equalTo(0));
        agent().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"urgency\":\"HIGH\",\"category\":null,\"title\":\"Checkout down\",\"linkedChangeIds\":[\"CHG0000042\"]}")
                .patch("/api/v1/incidents/" + id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("priority", equalTo("P1")).body("category", nullValue()).body("title", equalTo("Checkout down"))
                .body("linkedChangeIds", equalTo(List.of("CHG0000042")));
        agent().body("{\"state\":\"CLOSED\",\"colour\":\"red\"}").patch("/api/v1/incidents/" + id)
                .then().statusCode(400).body("errors.field", equalTo(List.of("state", "colour")))
                .body("errors[0].message", containsString("changes only through a command"))
                .body("errors[1].message", equalTo("unknown field"));
        agent().body("{\"number\":\"INC9999999\",\"title\":\"\"}").patch("/api/v1/incidents/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("number"))
                .body("errors[0].message", equalTo("is read-only"));
        agent().body("{\"title\":\"   \"}").patch("/api/v1/incidents/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("title"));

        List<Received> events = Fixtures.events(id, 2);
        assertEquals("dev.itsm.incident.IncidentPriorityChanged", events.get(1).ceType());
        JsonNode changed = Fixtures.JSON.readTree(events.get(1).value());
        assertEquals("P2", changed.get("previousPriority").asText());
        assertEquals("P1", changed.get("priority").asText());

        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().extract().jsonPath();
        assertEquals("update", history.getString("items[1].action"));
        assertTrue(history.getList("items[1].changes.field").containsAll(List.of("urgency", "priority", "title", "category")));
    }

    @Test
    void resolvingAMajorIncidentResolvesItsOpenChildrenEachWithItsOwnEvent() {
        String major = open(liveService(), "HIGH", "HIGH");
        command(major, "acknowledge", null).then().statusCode(200);
        command(major, "declare-major", null).then().statusCode(200).body("majorIncident", equalTo(true));
        command(major, "declare-major", null).then().statusCode(409);

        Map<String, Object> childBody = newIncident(liveService(), "LOW", "MEDIUM");
        childBody.put("parentIncidentId", major);
        String newChild = open(childBody);
        String workedChild = open(childBody);
        command(workedChild, "assign", Map.of("assignee", "carol")).then().statusCode(200);
        String canceledChild = open(childBody);
        command(canceledChild, "cancel", Map.of("reason", "not related")).then().statusCode(200);
        String notAChild = open();
        agent().get("/api/v1/incidents?parentIncidentId=" + major).then().statusCode(200).body("total", equalTo(3));

        Map<String, Object> orphan = newIncident(liveService(), "LOW", "LOW");
        orphan.put("parentIncidentId", notAChild);
        agent().body(orphan).post("/api/v1/incidents").then().statusCode(422)
                .body("type", equalTo("https://itsm.dev/problems/invalid-parent-incident"));

        command(major, "resolve", Map.of("resolutionCode", "PERMANENT_FIX", "notes", "Core switch replaced"))
                .then().statusCode(200);
        for (String child : List.of(newChild, workedChild)) {
            reader().get("/api/v1/incidents/" + child).then().statusCode(200)
                    .body("state", equalTo("RESOLVED"))
                    .body("resolutionCode", equalTo("PERMANENT_FIX"))
                    .body("resolutionNotes", containsString("Core switch replaced"));
            List<Received> events = Fixtures.events(child, 1).stream()
                    .filter(r -> r.ceType().endsWith("IncidentResolved")).toList();
            assertEquals(1, events.size(), "each child has its own IncidentResolved");
            assertTrue(events.get(0).value().contains("\"parentIncidentId\":\"" + major + "\""));
        }
        reader().get("/api/v1/incidents/" + canceledChild).then().body("state", equalTo("CANCELED"));
        reader().get("/api/v1/incidents/" + notAChild).then().body("state", equalTo("NEW"));
    }

    @Test
    void anIncidentCanBeReopenedOnlyWithinTheReopenWindow() {
        String id = open();
        command(id, "acknowledge", null).then().statusCode(200);
        command(id, "resolve", Map.of("resolutionCode", "WORKAROUND", "notes", "restarted")).then().statusCode(200);
        try {
            clock.advance(Duration.ofDays(7).plusMinutes(1));
            command(id, "reopen", Map.of("reason", "back again")).then().statusCode(409).contentType(PROBLEM)
                    .body("type", equalTo("https://itsm.dev/problems/reopen-window-expired"))
                    .body("reopenWindow", equalTo("PT168H"));
            clock.reset();
            clock.advance(Duration.ofDays(6));
            command(id, "reopen", Map.of("reason", "back again")).then().statusCode(200).body("state", equalTo("IN_PROGRESS"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void resolvedIncidentsCloseAutomaticallyAfterTheConfiguredDays() {
        String id = open();
        command(id, "acknowledge", null).then().statusCode(200);
        command(id, "resolve", Map.of("resolutionCode", "NO_FAULT_FOUND", "notes", "Works now")).then().statusCode(200);
        try {
            clock.advance(Duration.ofDays(2));
            autoCloser.closeDue(clock.instant());
            reader().get("/api/v1/incidents/" + id).then().body("state", equalTo("RESOLVED"));

            clock.advance(Duration.ofDays(1).plusSeconds(60));
            autoCloser.closeDue(clock.instant());
            reader().get("/api/v1/incidents/" + id).then().body("state", equalTo("CLOSED"));
        } finally {
            clock.reset();
        }
        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().extract().jsonPath();
        assertEquals("auto-close", history.getString("items[-1].action"));
        assertEquals("system", history.getString("items[-1].actor"));
        assertTrue(Fixtures.events(id, 4).get(3).ceType().endsWith("IncidentClosed"));
    }

    @Test
    void notesAreAddedOnceForOneIdempotencyKeyAndListedOldestFirst() {
        String id = open();
        String key = UUID.randomUUID().toString();
        Map<String, Object> note = Map.of("kind", "COMMENT", "text", "We are on it");
        Response first = agent().header("Idempotency-Key", key).body(note).post("/api/v1/incidents/" + id + "/notes");
        first.then().statusCode(201).body("author", equalTo("alice")).body("kind", equalTo("COMMENT"));
        agent().header("Idempotency-Key", key).body(note).post("/api/v1/incidents/" + id + "/notes")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        agent().body(Map.of("kind", "WORK_NOTE", "text", "Checked the logs")).post("/api/v1/incidents/" + id + "/notes")
                .then().statusCode(201);
        reader().get("/api/v1/incidents/" + id + "/notes").then().statusCode(200)
                .body("total", equalTo(2)).body("items.text", equalTo(List.of("We are on it", "Checked the logs")));
        reader().get(first.header("Location")).then().statusCode(200).body("text", equalTo("We are on it"));
        reader().get("/api/v1/incidents/" + id + "/history").then()
                .body("items.action", equalTo(List.of("open", "comment", "work-note")));
        agent().body(note).post("/api/v1/incidents/" + UUID.randomUUID() + "/notes").then().statusCode(404);
    }

    @Test
    void creatingWithAnIdempotencyKeyTwiceCreatesOneIncident() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = newIncident(liveService(), "LOW", "HIGH");
        Response first = agent().header("Idempotency-Key", key).body(body).post("/api/v1/incidents");
        first.then().statusCode(201).body("priority", equalTo("P3"));
        agent().header("Idempotency-Key", key).body(body).post("/api/v1/incidents")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        body.put("title", "something else");
        agent().header("Idempotency-Key", key).body(body).post("/api/v1/incidents").then().statusCode(422);
    }

    @Test
    void listsFilterSortAndPageAndTheSummaryCountsByStateAndPriority() {
        UUID service = UUID.randomUUID();
        Fixtures.publishService("ServiceCreated", service, "Payroll", "LIVE");
        String p1 = open(service, "HIGH", "HIGH");
        String p3 = open(service, "MEDIUM", "MEDIUM");
        String p5 = open(service, "LOW", "LOW");
        Map<String, Object> special = newIncident(service, "MEDIUM", "LOW");
        special.put("title", "Payslips show 100% tax_rate");
        String p4 = open(special);
        command(p3, "assign", Map.of("assignmentGroup", "hr-apps", "assignee", "dave")).then().statusCode(200);
        command(p5, "cancel", Map.of("reason", "user error")).then().statusCode(200);

        reader().queryParam("serviceId", service).queryParam("sort", "priority").get("/api/v1/incidents")
                .then().statusCode(200).body("total", equalTo(4)).body("items.id", equalTo(List.of(p1, p3, p4, p5)))
                .body("items[0].serviceName", equalTo("Payroll"));
        Response page = reader().queryParam("serviceId", service).queryParam("sort", "-priority")
                .queryParam("size", 2).queryParam("page", 1).get("/api/v1/incidents");
        page.then().statusCode(200).body("items.id", equalTo(List.of(p3, p1))).body("page", equalTo(1));
        assertTrue(page.header("Link").contains("rel=\"prev\"") && page.header("Link").contains("serviceId=" + service));
        reader().queryParam("serviceId", service).queryParam("state", "NEW,IN_PROGRESS").queryParam("priority", "P1")
                .queryParam("priority", "P3").queryParam("sort", "priority").get("/api/v1/incidents")
                .then().body("items.id", equalTo(List.of(p1, p3)));
        reader().queryParam("assignmentGroup", "hr-apps").queryParam("assignee", "dave").queryParam("serviceId", service)
                .get("/api/v1/incidents").then().body("items.id", equalTo(List.of(p3)));
        reader().queryParam("q", "100% TAX_").queryParam("serviceId", service).get("/api/v1/incidents")
                .then().body("items.id", equalTo(List.of(p4)));
        reader().queryParam("serviceId", service).queryParam("major", "true").get("/api/v1/incidents")
                .then().body("total", equalTo(0));
        reader().queryParam("serviceId", service).queryParam("openedFrom", Instant.now().plusSeconds(3600).toString())
                .get("/api/v1/incidents").then().body("total", equalTo(0));

        reader().queryParam("serviceId", service).get("/api/v1/incidents/summary").then().statusCode(200)
                .body("total", equalTo(4))
                .body("byState.NEW", equalTo(2)).body("byState.IN_PROGRESS", equalTo(1)).body("byState.CANCELED", equalTo(1))
                .body("byState.CLOSED", equalTo(0))
                .body("byPriority.P1", equalTo(1)).body("byPriority.P2", equalTo(0))
                .body("byStateAndPriority.NEW.P1", equalTo(1));
    }
}
