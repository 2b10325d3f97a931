package dev.itsm.problemmanagement.candidate;

import static dev.itsm.problemmanagement.replica.ReplicaEvents.PATIENCE;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.awaitIncidents;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.awaitProcessed;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.ci;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.count;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.dependsOn;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.incidentFacts;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.now;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.openIncident;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.openIncidents;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.text;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestTokens;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Recurrence detection end to end: incidents arrive as IncidentOpened CloudEvents, candidates show on the REST API and
 * ProblemCandidateDetected on itsm.problem.events; accept logs a problem through the problem core.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class CandidateDetectionTest {

    static final String TOPIC = "itsm.problem.events";
    static final String CANDIDATES = "/api/v1/problems/candidates";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CandidateSweep sweep;

    @AfterEach
    void realTime() {
        TestClock.INSTANCE.reset();
    }

    static RequestSpecification as(String user, String role) {
        return given().header("Authorization", TestTokens.bearer(user, role)).contentType(ContentType.JSON);
    }

    static RequestSpecification agent() {
        return as("alice", Roles.AGENT);
    }

    /** Waits for the OPEN candidate of a key with {@code incidents} incidents; returns its id. */
    static UUID awaitOpenCandidate(String kind, UUID key, int incidents) {
        await().atMost(PATIENCE).until(() -> count("select count(*) from problem_candidate where kind = ? and key_id = ? "
                + "and state = 'OPEN' and incident_count = ?", kind, key, incidents) == 1);
        return UUID.fromString(text("select id from problem_candidate where kind = ? and key_id = ? and state = 'OPEN'", kind, key));
    }

    static long candidates(String kind, UUID key) {
        return count("select count(*) from problem_candidate where kind = ? and key_id = ?", kind, key);
    }

    static List<JsonNode> detectedEvents(UUID candidateId, int atLeast) {
        List<JsonNode> payloads = new ArrayList<>();
        for (TopicReader.Received r : TopicReader.await(TOPIC, atLeast, PATIENCE, r -> candidateId.toString().equals(r.key()))) {
            try {
                payloads.add(((ObjectNode) JSON.readTree(r.value())).put("ce_type", r.ceType()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return payloads;
    }

    @Test
    void incidentsInTwoCandidatesOfOnePageAreListedInBoth() {
        UUID service = UUID.randomUUID();
        UUID db = UUID.randomUUID();
        ci(db, "shared-db-01");
        List<UUID> incidents = openIncidents(5, service, db);
        UUID onCi = awaitOpenCandidate("CI", db, 5);
        UUID onService = awaitOpenCandidate("SERVICE", service, 5);
        for (UUID c : List.of(onCi, onService)) {
            agent().queryParam("state", "OPEN").queryParam("size", 500).get(CANDIDATES).then().statusCode(200)
                    .body("items.find { it.id == '" + c + "' }.incidents.incidentId",
                            containsInAnyOrder(incidents.stream().map(UUID::toString).toArray()));
        }
    }

    @Test
    void threeIncidentsOnOneCiMakeOneOpenCandidateAndOneEvent() {
        UUID service = UUID.randomUUID();
        UUID gateway = UUID.randomUUID();
        ci(gateway, "payment-gateway-01");
        List<UUID> incidents = openIncidents(2, service, gateway);
        sweep.sweep();
        assertEquals(0, candidates("CI", gateway), "two are no recurrence yet");

        incidents.addAll(openIncidents(1, service, gateway));
        UUID candidate = awaitOpenCandidate("CI", gateway, 3);

        List<JsonNode> events = detectedEvents(candidate, 1);
        assertEquals(1, events.size());
        JsonNode e = events.get(0);
        assertEquals("dev.itsm.problem.ProblemCandidateDetected", e.path("ce_type").asText());
        assertEquals("CI", e.path("kind").asText());
        assertEquals(gateway.toString(), e.path("keyId").asText());
        assertEquals("payment-gateway-01", e.path("keyName").asText());
        assertEquals(3, e.path("incidentCount").asInt());
        assertEquals("OPEN", e.path("state").asText());
        assertTrue(e.path("windowStart").isTextual());

        agent().get(CANDIDATES + "/" + candidate).then().statusCode(200)
                .body("kind", equalTo("CI"))
                .body("keyName", equalTo("payment-gateway-01"))
                .body("state", equalTo("OPEN"))
                .body("allowedCommands", containsInAnyOrder("accept", "dismiss"))
                .body("incidentIds", containsInAnyOrder(incidents.stream().map(UUID::toString).toArray()))
                .body("incidents", hasSize(3));
        as("rita", Roles.READER).get(CANDIDATES + "?state=OPEN&kind=CI").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(candidate.toString()));
        assertEquals(0, candidates("SERVICE", service), "three incidents are below the service threshold (5)");
    }

    @Test
    void aFourthIncidentJoinsTheOpenCandidateWithoutAnotherEvent() {
        UUID service = UUID.randomUUID();
        UUID ciId = UUID.randomUUID();
        openIncidents(3, service, ciId);
        UUID candidate = awaitOpenCandidate("CI", ciId, 3);
        UUID fourth = openIncidents(1, service, ciId).get(0);
        awaitOpenCandidate("CI", ciId, 4);
        assertEquals(1, candidates("CI", ciId));
        agent().get(CANDIDATES + "/" + candidate).then().statusCode(200).body("incidentIds[3]", equalTo(fourth.toString()))
                .body("keyName", equalTo("CI " + ciId));
        // a fifth on the same service is the service's recurrence too
        openIncidents(1, service, ciId);
        awaitOpenCandidate("SERVICE", service, 5);
        assertEquals(1, detectedEvents(candidate, 1).size());
    }

    @Test
    void incidentsOnTwoCisThatDependOnAThirdMakeAnUpstreamCandidateOnTheThird() {
        UUID service = UUID.randomUUID();
        UUID web = UUID.randomUUID();
        UUID api = UUID.randomUUID();
        UUID db = UUID.randomUUID();
        ci(db, "orders-db");
        dependsOn(web, api);      // web -> api -> db: db is two relations upstream of web
        dependsOn(api, db);
        UUID unrelated = UUID.randomUUID();
        openIncidents(2, UUID.randomUUID(), unrelated);
        openIncidents(2, service, web);
        assertEquals(0, candidates("UPSTREAM_CI", db));
        openIncidents(1, service, api);
        UUID candidate = awaitOpenCandidate("UPSTREAM_CI", db, 3);
        agent().get(CANDIDATES + "/" + candidate).then().statusCode(200).body("keyName", equalTo("orders-db"))
                .body("incidents.ciId", containsInAnyOrder(web.toString(), web.toString(), api.toString()));
        // api is upstream of web as well, but only web's two incidents are below it: one CI is no upstream pattern
        sweep.sweep();
        assertEquals(0, candidates("UPSTREAM_CI", api));
        assertEquals(0, candidates("CI", web), "two incidents on one CI are below its threshold");
        assertEquals(0, candidates("UPSTREAM_CI", unrelated));
    }

    @Test
    void incidentsOnOneCiAloneMakeNoUpstreamCandidate() {
        UUID app = UUID.randomUUID();
        UUID db = UUID.randomUUID();
        dependsOn(app, db);
        openIncidents(3, UUID.randomUUID(), app);
        awaitOpenCandidate("CI", app, 3);
        sweep.sweep();
        assertEquals(0, candidates("UPSTREAM_CI", db), "one CI's incidents are that CI's candidate");
    }

    @Test
    void aCycleInTheCatalogueDoesNotLoopTheWalk() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        dependsOn(a, b);
        dependsOn(b, c);
        dependsOn(c, a);
        UUID service = UUID.randomUUID();
        openIncidents(2, service, a);
        openIncidents(1, service, b);
        awaitOpenCandidate("UPSTREAM_CI", c, 3);
        sweep.sweep();
        assertEquals(1, count("select count(*) from problem_candidate where kind = 'UPSTREAM_CI' and key_id = ? and state = 'OPEN'", c));
    }

    @Test
    void incidentsOutsideTheWindowMakeNoCandidate() {
        UUID service = UUID.randomUUID();
        UUID ciId = UUID.randomUUID();
        List<UUID> old = List.of(openIncident(service, ciId, now().minus(Duration.ofDays(9))),
                openIncident(service, ciId, now().minus(Duration.ofDays(8))));
        awaitIncidents(old);
        openIncidents(1, service, ciId);
        sweep.sweep();
        assertEquals(0, candidates("CI", ciId));
    }

    @Test
    void aCandidateExpiresWhenItsNewestIncidentLeavesTheWindow() {
        UUID ciId = UUID.randomUUID();
        openIncidents(3, UUID.randomUUID(), ciId);
        UUID candidate = awaitOpenCandidate("CI", ciId, 3);
        TestClock.INSTANCE.advance(Duration.ofDays(8));
        sweep.sweep();
        assertEquals("EXPIRED", text("select state from problem_candidate where id = ?", candidate));
        agent().get(CANDIDATES + "/" + candidate).then().statusCode(200).body("state", equalTo("EXPIRED"))
                .body("allowedCommands", hasSize(0)).body("decidedBy", equalTo("problem-service"));
    }

    @Test
    void aDismissedKeyStaysQuietForTheWindow() {
        UUID service = UUID.randomUUID();
        UUID ciId = UUID.randomUUID();
        openIncidents(3, service, ciId);
        UUID candidate = awaitOpenCandidate("CI", ciId, 3);
        agent().body("{\"reason\":\"Planned load test\"}").post(CANDIDATES + "/" + candidate + "/dismiss").then().statusCode(200)
                .body("state", equalTo("DISMISSED")).body("decisionReason", equalTo("Planned load test"))
                .body("decidedBy", equalTo("alice"));
        openIncidents(1, service, ciId);
        sweep.sweep();
        assertEquals(1, candidates("CI", ciId), "no new candidate while dismissed");
        agent().body("{\"reason\":\"again\"}").post(CANDIDATES + "/" + candidate + "/dismiss").then().statusCode(409)
                .body("currentState", equalTo("DISMISSED"));
        agent().body("{}").post(CANDIDATES + "/" + candidate + "/dismiss").then().statusCode(400);
    }

    @Test
    void acceptingLogsAProblemWithTheIncidentsAndOnlyOnce() {
        UUID service = UUID.randomUUID();
        UUID ciId = UUID.randomUUID();
        ci(ciId, "checkout-api");
        List<UUID> incidents = openIncidents(3, service, ciId);
        UUID candidate = awaitOpenCandidate("CI", ciId, 3);

        String problemId = agent().post(CANDIDATES + "/" + candidate + "/accept").then().statusCode(201)
                .header("Location", containsString("/api/v1/problems/"))
                .body("title", equalTo("Recurring incidents on checkout-api"))
                .body("state", equalTo("LOGGED"))
                .body("impact", equalTo("MEDIUM"))
                .body("ciIds", containsInAnyOrder(ciId.toString()))
                .body("serviceIds", containsInAnyOrder(service.toString()))
                .extract().path("id");
        for (UUID incident : incidents) {
            assertEquals(problemId, text("select problem_id from problem_incident where incident_id = ?", incident));
        }
        agent().get(CANDIDATES + "/" + candidate).then().statusCode(200).body("state", equalTo("ACCEPTED"))
                .body("problemId", equalTo(problemId)).body("incidentIds", hasSize(3));
        agent().post(CANDIDATES + "/" + candidate + "/accept").then().statusCode(409)
                .body("currentState", equalTo("ACCEPTED"));

        // the accepted incidents are linked now: a fourth on the CI is one unlinked incident, no recurrence
        openIncidents(1, service, ciId);
        sweep.sweep();
        assertEquals(0, count("select count(*) from problem_candidate where kind = 'CI' and key_id = ? and state = 'OPEN'", ciId));
        List<JsonNode> logged = new ArrayList<>();
        TopicReader.await(TOPIC, 1, PATIENCE, r -> problemId.equals(r.key()) && r.ceType().endsWith("ProblemLogged"))
                .forEach(r -> {
                    try {
                        logged.add(JSON.readTree(r.value()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertEquals(candidate.toString(), logged.get(0).path("candidateId").asText());
    }

    @Test
    void acceptTakesOverridesAndAnIncidentLinkedMeanwhileLeavesTheCandidate() {
        UUID service = UUID.randomUUID();
        UUID ciId = UUID.randomUUID();
        List<UUID> incidents = openIncidents(4, service, ciId);
        UUID candidate = awaitOpenCandidate("CI", ciId, 4);
        // someone logs a problem with the first incident by hand
        as("carol", Roles.AGENT).body("{\"title\":\"Manual\",\"ciIds\":[\"" + ciId + "\"],\"impact\":\"LOW\",\"urgency\":\"LOW\","
                + "\"incidentIds\":[\"" + incidents.get(0) + "\"]}").post("/api/v1/problems").then().statusCode(201);
        agent().get(CANDIDATES + "/" + candidate).then().statusCode(200).body("incidentIds", hasSize(3)).body("incidentCount", equalTo(3));

        as("pat", Roles.PROBLEM_MANAGER).body("{\"title\":\"Checkout API leaks connections\",\"impact\":\"HIGH\",\"urgency\":\"HIGH\"}")
                .post(CANDIDATES + "/" + candidate + "/accept").then().statusCode(201)
                .body("title", equalTo("Checkout API leaks connections")).body("priority", equalTo("P1"));
        String manual = text("select problem_id from problem_incident where incident_id = ?", incidents.get(0));
        for (UUID incident : incidents.subList(1, 4)) {
            String linkedTo = text("select problem_id from problem_incident where incident_id = ?", incident);
            assertTrue(linkedTo != null && !linkedTo.equals(manual), "linked to the accepted problem");
        }
    }

    @Test
    void theSweepDropsAnIncidentLinkedMeanwhileFromTheStoredCandidateAndARedeliveryDoesNotCountTwice() {
        UUID service = UUID.randomUUID();
        UUID ciId = UUID.randomUUID();
        List<UUID> incidents = openIncidents(4, service, ciId);
        UUID candidate = awaitOpenCandidate("CI", ciId, 4);
        assertEquals(4, count("select count(*) from problem_candidate_incident where candidate_id = ?", candidate));
        as("carol", Roles.AGENT).body("{\"title\":\"Manual\",\"ciIds\":[\"" + ciId + "\"],\"impact\":\"LOW\",\"urgency\":\"LOW\","
                + "\"incidentIds\":[\"" + incidents.get(1) + "\"]}").post("/api/v1/problems").then().statusCode(201);

        CandidateSweep.Result result = sweep.sweep();

        assertTrue(result.regrouped() >= 1, "regrouped: " + result);
        awaitOpenCandidate("CI", ciId, 3);
        assertEquals(0, count("select count(*) from problem_candidate_incident where candidate_id = ? and incident_id = ?",
                candidate, incidents.get(1)));
        agent().get(CANDIDATES + "/" + candidate).then().statusCode(200)
                .body("incidentIds", containsInAnyOrder(incidents.get(0).toString(), incidents.get(2).toString(),
                        incidents.get(3).toString()));
        // a fifth joins as one more row; its IncidentOpened delivered again (a new event, the same incident) adds none
        UUID fifth = openIncidents(1, service, ciId).get(0);
        awaitOpenCandidate("CI", ciId, 4);
        String number = text("select number from incident_replica where incident_id = ?", fifth);
        awaitProcessed(CloudEventPublisher.publish("incident", "IncidentOpened", fifth.toString(),
                incidentFacts(fifth, number, "NEW", service, ciId, now(), now())));
        assertEquals(4, count("select incident_count from problem_candidate where id = ?", candidate));
        openIncidents(1, service, ciId);
        awaitOpenCandidate("CI", ciId, 5);
        assertEquals(5, count("select count(*) from problem_candidate_incident where candidate_id = ?", candidate));
    }

    @Test
    void readersReadButDoNotDecide() {
        UUID ciId = UUID.randomUUID();
        openIncidents(3, UUID.randomUUID(), ciId);
        UUID candidate = awaitOpenCandidate("CI", ciId, 3);
        as("rita", Roles.READER).get(CANDIDATES + "/" + candidate).then().statusCode(200);
        as("rita", Roles.READER).post(CANDIDATES + "/" + candidate + "/accept").then().statusCode(403);
        as("rita", Roles.READER).body("{\"reason\":\"no\"}").post(CANDIDATES + "/" + candidate + "/dismiss").then().statusCode(403);
        agent().get(CANDIDATES + "/" + UUID.randomUUID()).then().statusCode(404);
        agent().get(CANDIDATES + "/not-a-uuid").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)));
        agent().get(CANDIDATES + "?state=MAYBE").then().statusCode(400);
    }
}
