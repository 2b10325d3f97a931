package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.command;
import static dev.itsm.incident.Fixtures.count;
import static dev.itsm.incident.Fixtures.reader;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Incidents from monitoring-service's alert groups (itsm.monitoring.events, published here as
 * monitoring-service would: ce_source /itsm/monitoring-service, key = groupId): opened once per group,
 * escalated, resolved with the group's note (or only noted when an agent took over), reopened, replaced
 * when closed; stale group versions and groups that want no incident change nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class MonitoringIncidentsTest {

    @Inject
    TestClock clock;

    /** One alert group as monitoring-service publishes it (AlertGroupFacts flattened + the event's fields). */
    static final class Group {
        final UUID groupId = UUID.randomUUID();
        final String number = "ALG" + String.format("%07d", (long) (Math.random() * 9_000_000) + 1_000_000);
        List<UUID> serviceIds;
        UUID rootCiId;
        boolean major;
        String state = "OPEN";
        String impact = "MEDIUM";
        String urgency = "MEDIUM";
        boolean autoResolve = true;
        boolean openIncident = true;
        int alertCount = 1;
        long version = 1;

        Group(UUID... serviceIds) {
            this.serviceIds = List.of(serviceIds);
        }

        Map<String, Object> facts() {
            Map<String, Object> m = new HashMap<>();
            m.put("groupId", groupId.toString());
            m.put("number", number);
            m.put("title", "DiskFull on db-01");
            m.put("rootCiId", rootCiId == null ? null : rootCiId.toString());
            m.put("rootCiName", rootCiId == null ? null : "db-01");
            m.put("serviceIds", serviceIds.stream().map(UUID::toString).toList());
            m.put("major", major);
            m.put("state", state);
            m.put("severity", "critical");
            m.put("impact", impact);
            m.put("urgency", urgency);
            m.put("alertCount", alertCount);
            m.put("firingCount", state.equals("OPEN") ? alertCount : 0);
            m.put("autoResolve", autoResolve);
            m.put("openIncident", openIncident);
            m.put("openedAt", Instant.now().minusSeconds(60).toString());
            m.put("lastAlertAt", Instant.now().toString());
            m.put("resolvedAt", state.equals("RESOLVED") ? Instant.now().toString() : null);
            m.put("reopenCount", 0);
            m.put("version", version);
            m.put("occurredAt", Instant.now().toString());
            m.put("someFutureField", Map.of("ignored", true)); // a tolerant reader ignores what it does not know
            return m;
        }

        String publish(String type, Map<String, Object> fields) {
            Map<String, Object> payload = facts();
            payload.putAll(fields);
            return CloudEventPublisher.publish("monitoring", type, groupId.toString(), payload);
        }

        String opened() {
            return publish("AlertGroupOpened", Map.of("description", "Disk /var is 97% full"));
        }

        String correlated() {
            return publish("AlertCorrelated", Map.of("rootChanged", false, "alert", Map.of("alertId", UUID.randomUUID().toString())));
        }

        String resolved(String note) {
            return publish("AlertGroupResolved", Map.of("description", "Disk /var is 97% full", "resolutionNote", note));
        }

        String reopened() {
            return publish("AlertGroupReopened", Map.of("description", "Disk /var is 97% full", "reason", "DiskFull fired again"));
        }

        long incidents() {
            return count("select count(*) from incident where alert_group_id = ?", groupId);
        }

        /** The group's incident opened last (the list's default order: newest first). */
        JsonPath incident() {
            String id = reader().queryParam("alertGroupId", groupId.toString()).get("/api/v1/incidents")
                    .then().statusCode(200).extract().path("items[0].id");
            return get(id);
        }

        String incidentId() {
            await().atMost(Duration.ofSeconds(30)).until(() -> incidents() >= 1);
            return incident().getString("id");
        }
    }

    static void awaitHandled(String ceId) {
        KnownErrorsTest.awaitHandled(ceId);
    }

    static JsonPath get(String incidentId) {
        return reader().get("/api/v1/incidents/" + incidentId).then().statusCode(200).extract().jsonPath();
    }

    static void awaitState(String incidentId, String state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + incidentId).then()
                .body("state", equalTo(state)));
    }

    static List<String> types(List<Received> records) {
        return KnownErrorsTest.types(records);
    }

    @Test
    void anOpenedGroupOpensExactlyOneMonitoringIncident() throws Exception {
        UUID service = KnownErrorsTest.ownService();
        UUID ci = KnownErrorsTest.ownCi();
        Group group = new Group(service);
        group.rootCiId = ci;
        group.impact = "HIGH";
        String first = UUID.randomUUID().toString();
        CloudEventPublisher.publish("monitoring", "AlertGroupOpened", group.groupId.toString(), first,
                withDescription(group.facts()));
        String id = group.incidentId();

        JsonPath incident = get(id);
        assertEquals("MONITORING", incident.getString("source"));
        assertEquals(group.groupId.toString(), incident.getString("alertGroupId"));
        assertEquals("DiskFull on db-01", incident.getString("title"));
        assertTrue(incident.getString("description").startsWith("Disk /var is 97% full"), incident.getString("description"));
        assertTrue(incident.getString("description").contains(group.number), incident.getString("description"));
        assertEquals("monitoring", incident.getString("caller"));
        assertEquals(service.toString(), incident.getString("serviceId"));
        assertEquals(ci.toString(), incident.getString("ciId"));
        assertEquals("HIGH", incident.getString("impact"));
        assertEquals("MEDIUM", incident.getString("urgency"));
        assertEquals("P2", incident.getString("priority"));
        assertEquals("NEW", incident.getString("state"));
        assertFalse(incident.getBoolean("majorIncident"));

        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().extract().jsonPath();
        assertEquals("open", history.getString("items[0].action"));
        assertEquals("monitoring-service", history.getString("items[0].actor"));

        // redelivery (same event id) and a repeated AlertGroupOpened (a new id) open nothing more
        CloudEventPublisher.publish("monitoring", "AlertGroupOpened", group.groupId.toString(), first,
                withDescription(group.facts()));
        awaitHandled(group.opened()); // same key, so handled after the redelivery
        assertEquals(1, group.incidents());

        List<Received> events = Fixtures.events(id, 1);
        assertEquals(List.of("IncidentOpened"), types(events));
        AsyncApiValidator.load().assertValid(events);
        JsonNode opened = Fixtures.JSON.readTree(events.get(0).value());
        assertEquals("MONITORING", opened.get("source").asText());
        assertEquals(group.groupId.toString(), opened.get("alertGroupId").asText());
    }

    @Test
    void aRepeatedOpeningDoesNotReplaceAnIncidentAnAgentCanceled() {
        Group group = new Group(KnownErrorsTest.ownService());
        group.opened();
        String id = group.incidentId();
        command(id, "cancel", Map.of("reason", "false alarm: load test")).then().statusCode(200);
        awaitHandled(group.opened()); // the same facts again (version 1)
        assertEquals(1, group.incidents());
        assertEquals("CANCELED", get(id).getString("state"));
    }

    @Test
    void anIncidentOpenedThroughTheApiSaysSoInItsEvents() throws Exception {
        String id = Fixtures.open();
        reader().get("/api/v1/incidents/" + id).then().body("source", equalTo("API")).body("alertGroupId", equalTo(null));
        List<Received> events = Fixtures.events(id, 1);
        AsyncApiValidator.load().assertValid(events);
        JsonNode opened = Fixtures.JSON.readTree(events.get(0).value());
        assertEquals("API", opened.get("source").asText());
        assertTrue(opened.get("alertGroupId").isNull());
    }

    @Test
    void aGroupSpanningSeveralServicesOpensAMajorIncident() {
        Group group = new Group(KnownErrorsTest.ownService(), KnownErrorsTest.ownService());
        group.major = true;
        group.opened();
        String id = group.incidentId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("majorIncident", equalTo(true)));
        assertEquals(List.of("IncidentOpened", "MajorIncidentDeclared"), types(Fixtures.events(id, 2)));
        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().extract().jsonPath();
        assertEquals("declare-major", history.getString("items[1].action"));
        assertEquals("monitoring-service", history.getString("items[1].actor"));
    }

    @Test
    void aGrowingGroupDeclaresItsIncidentMajorAndRaisesImpactAndUrgency() {
        UUID first = KnownErrorsTest.ownService();
        Group group = new Group(first);
        group.opened();
        String id = group.incidentId();

        group.version = 2;
        group.serviceIds = List.of(first, KnownErrorsTest.ownService());
        group.major = true;
        group.impact = "HIGH";
        group.urgency = "HIGH";
        group.alertCount = 2;
        group.correlated();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("majorIncident", equalTo(true)).body("priority", equalTo("P1")));
        JsonPath incident = get(id);
        assertEquals("HIGH", incident.getString("impact"));
        assertEquals("HIGH", incident.getString("urgency"));
        assertEquals(List.of("IncidentOpened", "IncidentPriorityChanged", "IncidentUpdated", "MajorIncidentDeclared"),
                types(Fixtures.events(id, 4)));

        // a group whose levels drop never lowers what the incident has (an agent may have raised it)
        group.version = 3;
        group.impact = "LOW";
        group.urgency = "LOW";
        awaitHandled(group.correlated());
        assertEquals("P1", get(id).getString("priority"));
    }

    @Test
    void aResolvedGroupResolvesItsNewIncidentWithTheGroupsNote() throws Exception {
        Group group = new Group(KnownErrorsTest.ownService());
        group.opened();
        String id = group.incidentId();
        group.version = 2;
        group.state = "RESOLVED";
        group.resolved("All 1 alert(s) resolved; last: DiskFull on db-01 at 10:42");
        awaitState(id, "RESOLVED");

        JsonPath incident = get(id);
        assertEquals("All 1 alert(s) resolved; last: DiskFull on db-01 at 10:42", incident.getString("resolutionNotes"));
        assertEquals("NO_FAULT_FOUND", incident.getString("resolutionCode"));
        assertNotNull(incident.getString("acknowledgedAt"));
        List<Received> events = Fixtures.events(id, 3);
        assertEquals(List.of("IncidentOpened", "IncidentAcknowledged", "IncidentResolved"), types(events));
        AsyncApiValidator.load().assertValid(events);
        JsonNode resolved = Fixtures.JSON.readTree(events.get(2).value());
        assertEquals(group.groupId.toString(), resolved.get("alertGroupId").asText());
        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().extract().jsonPath();
        assertEquals(List.of("open", "acknowledge", "resolve"), history.getList("items.action"));
        assertEquals(List.of("monitoring-service", "monitoring-service", "monitoring-service"), history.getList("items.actor"));
    }

    @Test
    void anIncidentAnAgentHasTakenOverOnlyGetsANoteWhenItsAlertsClear() {
        Group group = new Group(KnownErrorsTest.ownService());
        group.opened();
        String id = group.incidentId();
        command(id, "assign", Map.of("assignmentGroup", "dba", "assignee", "bob")).then().statusCode(200);
        group.version = 2;
        group.state = "RESOLVED";
        awaitHandled(group.resolved("All 1 alert(s) resolved"));

        JsonPath incident = get(id);
        assertEquals("IN_PROGRESS", incident.getString("state"));
        JsonPath notes = KnownErrorsTest.notes(id);
        assertEquals(1, notes.getList("items").size());
        assertEquals("monitoring-service", notes.getString("items[0].author"));
        assertTrue(notes.getString("items[0].text").startsWith("Alerts cleared: All 1 alert(s) resolved"),
                notes.getString("items[0].text"));
        assertTrue(notes.getString("items[0].text").contains("bob"), notes.getString("items[0].text"));
    }

    @Test
    void aReopenedGroupReopensItsResolvedIncidentAndStaleVersionsAreIgnored() {
        Group group = new Group(KnownErrorsTest.ownService());
        group.opened();
        String id = group.incidentId();
        group.version = 2;
        group.state = "RESOLVED";
        group.resolved("All alerts resolved");
        awaitState(id, "RESOLVED");

        group.version = 3;
        group.state = "OPEN";
        group.reopened();
        awaitState(id, "IN_PROGRESS");
        assertEquals(1, get(id).getInt("reopenCount"));
        assertEquals(1, group.incidents());
        assertEquals(List.of("IncidentOpened", "IncidentAcknowledged", "IncidentResolved", "IncidentReopened"),
                types(Fixtures.events(id, 4)));

        // an older version (a replay) of the resolution, with a new event id: ignored
        group.version = 2;
        group.state = "RESOLVED";
        awaitHandled(group.resolved("All alerts resolved"));
        assertEquals("IN_PROGRESS", get(id).getString("state"));
    }

    @Test
    void aClosedIncidentStaysClosedAndAReopenedGroupGetsANewOne() {
        Group group = new Group(KnownErrorsTest.ownService());
        group.opened();
        String first = group.incidentId();
        group.version = 2;
        group.state = "RESOLVED";
        group.resolved("All alerts resolved");
        awaitState(first, "RESOLVED");
        command(first, "close", null).then().statusCode(200);

        // the group resolving again changes nothing on a CLOSED incident
        group.version = 3;
        awaitHandled(group.resolved("All alerts resolved"));
        assertEquals("CLOSED", get(first).getString("state"));
        assertEquals(1, group.incidents());

        group.version = 4;
        group.state = "OPEN";
        group.reopened();
        await().atMost(Duration.ofSeconds(30)).until(() -> group.incidents() == 2);
        assertEquals("CLOSED", get(first).getString("state"));
        JsonPath newest = group.incident();
        assertTrue(!newest.getString("id").equals(first));
        assertEquals("NEW", newest.getString("state"));
        assertEquals("MONITORING", newest.getString("source"));
    }

    @Test
    void aGroupReopenedAfterTheReopenWindowGetsANewIncident() {
        Group group = new Group(KnownErrorsTest.ownService());
        group.opened();
        String first = group.incidentId();
        group.version = 2;
        group.state = "RESOLVED";
        group.resolved("All alerts resolved");
        awaitState(first, "RESOLVED");
        try {
            clock.advance(Duration.ofDays(7).plusMinutes(1)); // incident.reopen-window=7d
            group.version = 3;
            group.state = "OPEN";
            group.reopened();
            await().atMost(Duration.ofSeconds(30)).until(() -> group.incidents() == 2);
        } finally {
            clock.reset();
        }
        // past its reopen window the resolved incident can only be closed: it is, and the new one takes its place
        assertEquals("CLOSED", get(first).getString("state"));
        assertEquals(0, get(first).getInt("reopenCount"));
        assertEquals("NEW", group.incident().getString("state"));
    }

    @Test
    void aGroupThatAsksForNoIncidentOrNamesNoServiceGetsNone() {
        Group quiet = new Group(KnownErrorsTest.ownService());
        quiet.openIncident = false;
        awaitHandled(quiet.opened());
        quiet.version = 2;
        quiet.alertCount = 2;
        awaitHandled(quiet.correlated());
        assertEquals(0, quiet.incidents());

        Group nowhere = new Group();
        awaitHandled(nowhere.opened());
        assertEquals(0, nowhere.incidents());
    }

    @Test
    void theListFiltersBySourceAndAlertGroup() {
        Group group = new Group(KnownErrorsTest.ownService());
        group.opened();
        String id = group.incidentId();
        String api = Fixtures.open();

        List<String> monitoring = reader().queryParam("source", "MONITORING").queryParam("size", 500)
                .get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertTrue(monitoring.contains(id));
        assertFalse(monitoring.contains(api));
        List<String> viaApi = reader().queryParam("source", "api").queryParam("size", 500)
                .get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertTrue(viaApi.contains(api));
        assertFalse(viaApi.contains(id));
        reader().queryParam("alertGroupId", group.groupId.toString()).get("/api/v1/incidents").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        reader().queryParam("source", "MONITORING").queryParam("alertGroupId", group.groupId.toString())
                .get("/api/v1/incidents/summary").then().statusCode(200).body("total", equalTo(1));

        reader().queryParam("source", "EMAIL").get("/api/v1/incidents").then().statusCode(400)
                .contentType(Fixtures.PROBLEM);
        reader().queryParam("alertGroupId", "not-a-uuid").get("/api/v1/incidents").then().statusCode(400)
                .contentType(Fixtures.PROBLEM);
    }

    private static Map<String, Object> withDescription(Map<String, Object> facts) {
        facts.put("description", "Disk /var is 97% full");
        return facts;
    }
}
