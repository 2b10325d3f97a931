package dev.itsm.systemtests;

import static dev.itsm.systemtests.Suite.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Issue 9 scenarios, end to end through the gateway and the topics. */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScenariosTest {

    static final String CATALOG_ADMIN = "itsm-catalog-admin";
    static final String AGENT = "itsm-agent";
    static final String SLA_ADMIN = "itsm-sla-admin";
    static final String READER = "itsm-reader";

    /** A LIVE service with a CI, created through the catalog; incident-service must have replicated it. */
    static Map<String, String> liveServiceWithCi(String key) {
        String serviceId = as("cat-admin", CATALOG_ADMIN).body(Map.of("key", key, "name", "Service " + key,
                "type", "BUSINESS", "owner", "ops-team", "utility", "Lets people work"))
                .post("/api/v1/catalog/services").then().statusCode(201).extract().path("id");
        as("cat-admin", CATALOG_ADMIN).post("/api/v1/catalog/services/" + serviceId + "/go-live")
                .then().statusCode(200).body("status", equalTo("LIVE"));
        String ciId = as("cat-admin", CATALOG_ADMIN).body(Map.of("name", key + "-app-01", "ciClass", "application",
                "environment", "production")).post("/api/v1/catalog/cis").then().statusCode(201).extract().path("id");
        return Map.of("serviceId", serviceId, "ciId", ciId);
    }

    static Map<String, Object> incident(String serviceId, String impact, String urgency) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Users cannot log in");
        body.put("description", "Since 09:10 every login fails");
        body.put("caller", "jane.doe@example.com");
        body.put("serviceId", serviceId);
        body.put("category", "software");
        body.put("impact", impact);
        body.put("urgency", urgency);
        return body;
    }

    /** Opens an incident, retrying while the catalog event is still on its way to incident-service. */
    static String openIncident(String subject, Map<String, Object> body) {
        return createOnceReplicated(() -> as(subject, AGENT).body(body), "/api/v1/incidents");
    }

    /**
     * Creates through a service that checks the catalogue ids it is given against its replica of the
     * catalogue (incident, change and sla-service do): retries while that replica has not seen them
     * yet, which is a 422 naming the id (docs/API-VOCABULARY.md, "Replicas that are still catching up").
     */
    static String createOnceReplicated(Supplier<RequestSpecification> request, String path) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response r = request.get().post(path);
            if (r.statusCode() == 201) {
                id[0] = r.path("id");
                return true;
            }
            assertEquals(422, r.statusCode(), "only an id the replica has not seen yet may delay a create: " + r.asString());
            return false;
        });
        return id[0];
    }

    static Response command(String subject, String incidentId, String command, Map<String, Object> body) {
        var spec = as(subject, AGENT);
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.post("/api/v1/incidents/" + incidentId + "/" + command);
    }

    static List<Map<String, Object>> timers(String subject, String incidentId) {
        return as(subject, READER).queryParam("incidentId", incidentId).get("/api/v1/sla/timers")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    static Map<String, Object> timer(String subject, String incidentId, String metric) {
        return timers(subject, incidentId).stream().filter(t -> metric.equals(t.get("metric"))).findFirst().orElse(null);
    }

    @Test
    @Order(1)
    void aServiceMadeLiveInTheCatalogIsAcceptedByIncidentService() {
        Map<String, String> svc = liveServiceWithCi("sys-mail");
        Map<String, Object> body = incident(svc.get("serviceId"), "LOW", "LOW");
        body.put("ciId", svc.get("ciId"));
        String id = openIncident("s1-agent", body);
        as("s1-agent", READER).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("serviceId", equalTo(svc.get("serviceId"))).body("ciId", equalTo(svc.get("ciId")))
                .body("priority", equalTo("P5")).body("state", equalTo("NEW"));
        List<Received> opened = TopicReader.await(Suite.bootstrap(), "itsm.incident.events", 1, Duration.ofSeconds(30),
                r -> id.equals(r.key()) && "dev.itsm.incident.IncidentOpened".equals(r.ceType()));
        assertEquals(1, opened.size());
        assertEquals("1.0", opened.get(0).header("ce_specversion"));
        assertEquals("/itsm/incident-service", opened.get(0).header("ce_source"));
        assertEquals(id, opened.get(0).header("ce_subject"));
    }

    @Test
    @Order(2)
    void anIncidentsSlaClockPausesRetargetsBreachesAndIsReportedOnce() {
        String s = "s2-agent";
        Map<String, String> svc = liveServiceWithCi("sys-payroll");
        String agreementId = createOnceReplicated(() -> as("s2-sla", SLA_ADMIN).body(Map.of(
                "name", "Payroll SLA " + UUID.randomUUID(),
                "type", "SLA",
                "scope", Map.of("allServices", false, "serviceIds", List.of(svc.get("serviceId"))),
                "targets", List.of(
                        Map.of("metric", "TIME_TO_RESPOND", "priority", "P1", "duration", "PT5M"),
                        Map.of("metric", "TIME_TO_RESPOND", "priority", "P2", "duration", "PT5M"),
                        Map.of("metric", "TIME_TO_RESOLVE", "priority", "P1", "duration", "PT8S"),
                        Map.of("metric", "TIME_TO_RESOLVE", "priority", "P2", "duration", "PT10M")),
                "pauseConditions", Map.of("states", List.of("ON_HOLD"), "holdReasons", List.of("AWAITING_CALLER")))),
                "/api/v1/sla/agreements");

        String id = openIncident(s, incident(svc.get("serviceId"), "HIGH", "MEDIUM"));
        as(s, READER).get("/api/v1/incidents/" + id).then().body("priority", equalTo("P2"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> timers(s, id).size() == 2 && timers(s, id).stream().allMatch(t -> "RUNNING".equals(t.get("state"))));

        command(s, id, "assign", Map.of("assignmentGroup", "service-desk", "assignee", "bob")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "MET".equals(timer(s, id, "TIME_TO_RESPOND").get("state")));

        command(s, id, "hold", Map.of("reason", "AWAITING_CALLER", "note", "Asked for a screenshot")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "PAUSED".equals(timer(s, id, "TIME_TO_RESOLVE").get("state")));
        command(s, id, "resume", null).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "RUNNING".equals(timer(s, id, "TIME_TO_RESOLVE").get("state")));
        Map<String, Object> beforeRetarget = timer(s, id, "TIME_TO_RESOLVE");
        assertTrue(((List<?>) beforeRetarget.get("pauses")).size() >= 1, "the hold is a pause interval: " + beforeRetarget);

        as(s, AGENT).contentType("application/merge-patch+json").body(Map.of("urgency", "HIGH"))
                .patch("/api/v1/incidents/" + id).then().statusCode(200).body("priority", equalTo("P1"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> ((Number) timer(s, id, "TIME_TO_RESOLVE").get("targetSeconds")).longValue() == 8);
        Map<String, Object> retargeted = timer(s, id, "TIME_TO_RESOLVE");
        assertTrue(((Number) retargeted.get("elapsedBusinessSeconds")).longValue()
                >= ((Number) beforeRetarget.get("elapsedBusinessSeconds")).longValue(), "elapsed time kept on re-target");
        assertEquals(((List<?>) beforeRetarget.get("pauses")).size(), ((List<?>) retargeted.get("pauses")).size(),
                "pause intervals kept on re-target");

        // no further incident event: the scheduler finds the breach by itself
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> "BREACHED".equals(timer(s, id, "TIME_TO_RESOLVE").get("state")));
        List<Received> breached = TopicReader.await(Suite.bootstrap(), "itsm.sla.events", 1, Duration.ofSeconds(30),
                r -> id.equals(r.key()) && "dev.itsm.sla.SlaBreached".equals(r.ceType()));
        assertEquals(1, breached.size(), "SlaBreached once");
        assertEquals("/itsm/sla-service", breached.get(0).header("ce_source"));
        assertTrue(breached.get(0).value().contains("TIME_TO_RESOLVE"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<Map<String, Object>> sla = as(s, READER).get("/api/v1/incidents/" + id).jsonPath().getList("sla");
            return sla.stream().anyMatch(m -> "TIME_TO_RESOLVE".equals(m.get("metric")) && Boolean.TRUE.equals(m.get("breached")));
        });

        command(s, id, "resolve", Map.of("resolutionCode", "WORKAROUND", "notes", "Restarted the pool")).then().statusCode(200);
        command(s, id, "reopen", Map.of("reason", "Back again")).then().statusCode(200);
        command(s, id, "resolve", Map.of("resolutionCode", "PERMANENT_FIX", "notes", "Pool size raised")).then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath report = as(s, READER).queryParam("agreementId", agreementId)
                    .get("/api/v1/sla/reports/compliance").then().statusCode(200).extract().jsonPath();
            Map<String, Object> resolve = report.getList("metrics", Map.class).stream()
                    .filter(m -> "TIME_TO_RESOLVE".equals(m.get("metric"))).findFirst().orElseThrow();
            assertEquals(1, ((Number) resolve.get("breached")).intValue(), "the reopened incident counts once: " + resolve);
            assertEquals(0, ((Number) resolve.get("met")).intValue());
            assertEquals(0, ((Number) resolve.get("running")).intValue());
        });
        String csv = as(s, READER).accept("text/csv").queryParam("agreementId", agreementId)
                .get("/api/v1/sla/reports/compliance").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("TIME_TO_RESOLVE"), csv);
    }

    @Test
    @Order(3)
    void resolvingAMajorIncidentResolvesItsChildrenEachWithItsOwnEvent() {
        String s = "s3-agent";
        Map<String, String> svc = liveServiceWithCi("sys-vpn");
        String major = openIncident(s, incident(svc.get("serviceId"), "HIGH", "HIGH"));
        command(s, major, "declare-major", null).then().statusCode(200).body("majorIncident", equalTo(true));
        String[] children = new String[3];
        for (int i = 0; i < children.length; i++) {
            Map<String, Object> child = incident(svc.get("serviceId"), "MEDIUM", "MEDIUM");
            child.put("parentIncidentId", major);
            children[i] = openIncident(s, child);
        }
        command(s, children[0], "acknowledge", null).then().statusCode(200);
        command(s, major, "acknowledge", null).then().statusCode(200);
        command(s, major, "resolve", Map.of("resolutionCode", "PERMANENT_FIX", "notes", "Tunnel rekeyed")).then().statusCode(200);
        for (String child : children) {
            as(s, READER).get("/api/v1/incidents/" + child).then().statusCode(200).body("state", equalTo("RESOLVED"));
            List<Received> resolved = TopicReader.await(Suite.bootstrap(), "itsm.incident.events", 1, Duration.ofSeconds(30),
                    r -> child.equals(r.key()) && "dev.itsm.incident.IncidentResolved".equals(r.ceType()));
            assertEquals(1, resolved.size(), "one IncidentResolved for child " + child);
        }
    }


    static io.restassured.specification.RequestSpecification changeAs(String user, String... roles) {
        return as(user, roles.length == 0 ? new String[] { "itsm-agent", "itsm-change-manager" } : roles);
    }

    static String normalChange(String title, String ciId, Instant start) {
        String id = createOnceReplicated(() -> changeAs("rita").body(Map.of("title", title, "type", "NORMAL", "justification", "Security patch",
                "ciIds", List.of(ciId), "implementationPlan", "apply", "backoutPlan", "revert", "testPlan", "smoke",
                "plannedStart", start.toString(), "plannedEnd", start.plus(Duration.ofHours(1)).toString())), "/api/v1/changes");
        changeAs("rita").post("/api/v1/changes/" + id + "/submit").then().statusCode(200);
        changeAs("rita").body(Map.of("answers", Map.of("customerFacing", true, "untestedInStaging", false, "noBackout", false, "firstOfItsKind", true))).post("/api/v1/changes/" + id + "/assess")
                .then().statusCode(200).body("risk", equalTo("MEDIUM"))
                .body("approvalLevels.name", equalTo(List.of("Technical review", "CAB")));
        // level 2 cannot decide before level 1 has passed
        changeAs("carl").body(Map.of("comment", "too early")).post("/api/v1/changes/" + id + "/approve")
                .then().statusCode(403).contentType("application/problem+json");
        changeAs("tom").body(Map.of("comment", "tech ok")).post("/api/v1/changes/" + id + "/approve").then().statusCode(200);
        changeAs("cora").body(Map.of("comment", "ok")).post("/api/v1/changes/" + id + "/approve").then().statusCode(200);
        changeAs("cleo").body(Map.of("comment", "go")).post("/api/v1/changes/" + id + "/approve").then().statusCode(200)
                .body("approvalStatus", equalTo("APPROVED"));
        return id;
    }

    @Test
    @Order(4)
    void aTwoLevelChangeConflictingOnADependentCiIsRefusedThenRescheduledAndShowsInTheCalendarFeed() {
        Map<String, String> svc = liveServiceWithCi("sys-billing");
        String db = as("cat-admin", CATALOG_ADMIN).body(Map.of("name", "billing-db-01", "ciClass", "database",
                "environment", "production")).post("/api/v1/catalog/cis").then().statusCode(201).extract().path("id");
        as("cat-admin", CATALOG_ADMIN).body(Map.of("relation", "depends_on", "targetType", "CI", "targetId", db))
                .post("/api/v1/catalog/cis/" + svc.get("ciId") + "/relations").then().statusCode(201);
        Instant slot = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);

        String onDb = normalChange("Patch the billing database", db, slot);
        changeAs("rita").post("/api/v1/changes/" + onDb + "/schedule").then().statusCode(200).body("state", equalTo("SCHEDULED"));

        String onApp = normalChange("Deploy billing app 2.1", svc.get("ciId"), slot.plus(Duration.ofMinutes(30)));
        // the app depends on the database: once change-service has the relation, the slot conflicts
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                changeAs("rita").get("/api/v1/changes/" + onApp + "/conflicts").jsonPath().getList("conflicts").size() == 1);
        changeAs("rita").post("/api/v1/changes/" + onApp + "/schedule").then().statusCode(409)
                .contentType("application/problem+json")
                .body("conflicts", org.hamcrest.Matchers.hasSize(1))
                .body("conflicts[0].changeId", equalTo(onDb));

        Response moved = changeAs("rita").contentType("application/merge-patch+json")
                .body(Map.of("plannedStart", slot.plus(Duration.ofHours(3)).toString(),
                        "plannedEnd", slot.plus(Duration.ofHours(4)).toString()))
                .patch("/api/v1/changes/" + onApp);
        assertEquals(200, moved.statusCode(), moved.asString());
        changeAs("rita").post("/api/v1/changes/" + onApp + "/schedule").then().statusCode(200).body("state", equalTo("SCHEDULED"));

        String numberA = changeAs("rita").get("/api/v1/changes/" + onDb).path("number");
        String numberB = changeAs("rita").get("/api/v1/changes/" + onApp).path("number");
        String ics = changeAs("rita").accept("text/calendar")
                .queryParam("from", slot.minus(Duration.ofDays(1)).toString())
                .queryParam("to", slot.plus(Duration.ofDays(1)).toString())
                .get("/api/v1/changes/calendar").then().statusCode(200).extract().asString();
        assertTrue(ics.startsWith("BEGIN:VCALENDAR"), ics);
        assertTrue(ics.contains(numberA) && ics.contains(numberB), "both changes in the feed:\n" + ics);
        List<Received> scheduled = TopicReader.await(Suite.bootstrap(), "itsm.change.events", 2, Duration.ofSeconds(30),
                r -> (onDb.equals(r.key()) || onApp.equals(r.key())) && "dev.itsm.change.ChangeScheduled".equals(r.ceType()));
        assertEquals(2, scheduled.size());
    }

    @Test
    @Order(5)
    void aRetiredServiceRefusesNewIncidentsNamingTheService() {
        String s = "s5-agent";
        Map<String, String> svc = liveServiceWithCi("sys-fax");
        openIncident(s, incident(svc.get("serviceId"), "LOW", "LOW")); // replicated and LIVE
        as("cat-admin", CATALOG_ADMIN).post("/api/v1/catalog/services/" + svc.get("serviceId") + "/retire")
                .then().statusCode(200).body("status", equalTo("RETIRED"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                as(s, AGENT).body(incident(svc.get("serviceId"), "LOW", "LOW")).post("/api/v1/incidents")
                        .then().statusCode(422).contentType("application/problem+json")
                        .body("type", equalTo("https://itsm.dev/problems/service-not-live"))
                        .body("serviceName", equalTo("Service sys-fax"))
                        .body("detail", containsString("RETIRED")));
    }
}
