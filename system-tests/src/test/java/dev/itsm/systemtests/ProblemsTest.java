package dev.itsm.systemtests;

import static dev.itsm.systemtests.Suite.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue #19 "problem-service" as the suite meets it, through the gateway and the topics only:
 * recurring incidents on one CI become a candidate, the candidate a problem, its root cause a known
 * error whose workaround reaches the open incidents and a new one at intake, its fix a change whose
 * implementation starts the verification that closes the problem by itself; and a second problem
 * reopened by a matching incident during its verification. Every event met on the way is checked
 * against the AsyncAPI document of the service that published it.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProblemsTest {

    static final String AGENT = ScenariosTest.AGENT;
    static final String READER = ScenariosTest.READER;
    static final String PROBLEM_MANAGER = "itsm-problem-manager";
    static final String PROBLEMS = "/api/v1/problems";
    static final String PROBLEM_TOPIC = "itsm.problem.events";
    static final String TYPE = "dev.itsm.problem.";
    static final Duration DEADLINE = Duration.ofSeconds(60);

    static final String WORKAROUND = "Recycle the authentication connection pool (pool-admin restart auth-pool)";
    static final String SYMPTOMS = "Logins fail with an error page after the connection pool is exhausted";

    @BeforeAll
    static void suite() {
        Suite.stack();
    }

    // ------------------------------------------------------------------ the whole life of a problem

    @Test
    @Order(1)
    void recurringIncidentsBecomeAProblemWhoseKnownErrorReachesTheIncidentsAndWhoseVerifiedFixClosesIt() throws Exception {
        Map<String, String> svc = ScenariosTest.liveServiceWithCi("sys-problems");
        String ciId = svc.get("ciId");
        Set<String> incidents = new LinkedHashSet<>();
        for (int i = 0; i < 3; i++) {
            incidents.add(openIncidentOnCi("pm-agent", svc));
        }

        // three incidents on one CI within the window: a CI candidate, announced on the topic
        AtomicReference<Map<String, Object>> found = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
            found.set(openCandidate("CI", ciId));
            return found.get() != null && ((List<?>) found.get().get("incidentIds")).containsAll(incidents);
        });
        String candidateId = (String) found.get().get("id");
        assertEquals(3, ((Number) found.get().get("incidentCount")).intValue(), "three incidents: " + found.get());
        Received detected = one(candidateId, "ProblemCandidateDetected");
        JsonNode detectedPayload = OpenApiFuzzer.JSON.readTree(detected.value());
        assertEquals("CI", detectedPayload.path("kind").asText(), detected.value());
        assertEquals(ciId, detectedPayload.path("keyId").asText(), detected.value());
        assertEquals(incidents, strings(detectedPayload.path("incidentIds")), "the candidate's incidents: " + detected.value());
        assertEquals(candidateId, detected.header("ce_subject"));
        assertEquals("/itsm/problem-service", detected.header("ce_source"));

        // accepted by an agent: a LOGGED problem with the three incidents linked
        Response accepted = as("pm-agent", AGENT)
                .body(Map.of("title", "Logins fail on sys-problems-app-01", "impact", "HIGH", "urgency", "MEDIUM"))
                .post(PROBLEMS + "/candidates/" + candidateId + "/accept");
        assertEquals(201, accepted.statusCode(), accepted.asString());
        String problemId = accepted.path("id");
        assertTrue(accepted.header("Location").endsWith(PROBLEMS + "/" + problemId), accepted.header("Location"));
        assertEquals("LOGGED", accepted.path("state"));
        assertEquals("P2", accepted.path("priority"), "HIGH × MEDIUM on the default matrix");
        assertEquals(incidents, Set.copyOf(problem(problemId).getList("linkedIncidentIds", String.class)));
        as("pm-reader", READER).get(PROBLEMS + "/candidates/" + candidateId).then().statusCode(200)
                .body("state", equalTo("ACCEPTED")).body("problemId", equalTo(problemId));
        JsonNode logged = OpenApiFuzzer.JSON.readTree(one(problemId, "ProblemLogged").value());
        assertEquals(candidateId, logged.path("candidateId").asText(), logged.toString());
        // ProblemLogged names the incidents it was logged with (no ProblemIncidentLinked for them)
        Set<String> named = new HashSet<>();
        logged.path("linkedIncidentIds").forEach(n -> named.add(n.asText()));
        assertEquals(incidents, named, logged.toString());

        // analysis by the agent; the root cause is the problem manager's (an agent is refused)
        command("pm-agent", AGENT, problemId, "start-analysis", null).then().statusCode(200)
                .body("state", equalTo("UNDER_ANALYSIS"));
        Map<String, Object> rootCause = Map.of("category", "capacity", "analysis",
                "The auth pool is sized for 50 sessions; the morning peak needs 80 and the pool never recovers");
        command("pm-agent", AGENT, problemId, "record-root-cause", rootCause).then().statusCode(403)
                .contentType("application/problem+json");
        command("pm-manager", PROBLEM_MANAGER, problemId, "record-root-cause", rootCause).then().statusCode(200)
                .body("state", equalTo("ROOT_CAUSE_KNOWN")).body("rootCauseCategory", equalTo("capacity"));

        // the known error: in the database, searchable, and on the open incidents (work note + knownErrorId)
        Response published = command("pm-manager", PROBLEM_MANAGER, problemId, "publish-known-error",
                Map.of("title", "Logins fail when the auth pool is exhausted", "symptoms", SYMPTOMS, "workaround", WORKAROUND));
        assertEquals(200, published.statusCode(), published.asString());
        assertEquals("KNOWN_ERROR", published.path("state"));
        String knownErrorId = published.path("knownErrorId");
        assertNotNull(knownErrorId, published.asString());
        as("pm-reader", READER).get(PROBLEMS + "/known-errors/" + knownErrorId).then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("workaround", equalTo(WORKAROUND))
                .body("problemId", equalTo(problemId));
        assertTrue(knownErrorIds(Map.of("ciId", ciId)).contains(knownErrorId), "listed for its CI");
        assertTrue(knownErrorIds(Map.of("q", "exhausted pool")).contains(knownErrorId), "found by full-text search");
        JsonNode publishedEvent = OpenApiFuzzer.JSON.readTree(one(problemId, "KnownErrorPublished").value());
        assertEquals(knownErrorId, publishedEvent.path("knownError").path("knownErrorId").asText(), publishedEvent.toString());
        assertEquals(WORKAROUND, publishedEvent.path("knownError").path("workaround").asText());

        for (String incident : incidents) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    as("pm-reader", READER).get("/api/v1/incidents/" + incident).then().statusCode(200)
                            .body("knownErrorId", equalTo(knownErrorId)));
            assertTrue(notes(incident).stream().anyMatch(n -> String.valueOf(n.get("text")).contains(WORKAROUND)),
                    "the workaround as a work note on " + incident + ": " + notes(incident));
            assertTrue(as("pm-reader", READER).get("/api/v1/incidents/" + incident + "/history").asString()
                    .contains(knownErrorId), "the known error in the history of " + incident);
        }

        // a new incident on the same CI shows the known error with its workaround at once
        String newcomer = openIncidentOnCi("pm-agent", svc);
        incidents.add(newcomer);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<Map<String, Object>> known = as("pm-reader", READER).get("/api/v1/incidents/" + newcomer)
                    .then().statusCode(200).extract().jsonPath().getList("knownErrors");
            assertTrue(known != null && known.stream().anyMatch(k -> knownErrorId.equals(k.get("knownErrorId"))
                    && WORKAROUND.equals(k.get("workaround")) && "CI".equals(k.get("matchedOn"))),
                    "knownErrors[] of the new incident: " + known);
        });
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertTrue(notes(newcomer).stream()
                .anyMatch(n -> String.valueOf(n.get("text")).contains(WORKAROUND)), "the workaround as a work note at intake"));

        // the fix: a change proposed while it is only scheduled; its implementation starts the verification
        String changeId = scheduledChange("Resize the auth connection pool", ciId, 5);
        command("pm-agent", AGENT, problemId, "propose-fix", Map.of("changeId", changeId)).then().statusCode(403);
        Response proposed = onceReplicated(() -> as("pm-manager", PROBLEM_MANAGER).body(Map.of("changeId", changeId)),
                PROBLEMS + "/" + problemId + "/propose-fix");
        assertEquals("FIX_IN_PROGRESS", proposed.path("state"), proposed.asString());
        assertEquals(changeId, proposed.path("fixChangeId"));
        implement(changeId);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> "FIX_VERIFICATION".equals(problem(problemId).getString("state")));
        assertEquals(changeId, field(one(problemId, "ProblemResolved"), "changeId"));

        // nothing recurs: the (short) period passes and the problem closes by itself, its known error retired
        await().atMost(Suite.PROBLEM_FIX_VERIFICATION_PERIOD.plus(DEADLINE)).pollInterval(Duration.ofMillis(500))
                .until(() -> "CLOSED".equals(problem(problemId).getString("state")));
        as("pm-reader", READER).get(PROBLEMS + "/known-errors/" + knownErrorId).then().statusCode(200)
                .body("state", equalTo("RETIRED"));
        Received verified = one(problemId, "ProblemFixVerified");
        Received closed = one(problemId, "ProblemClosed");
        Received retired = one(problemId, "KnownErrorRetired");
        Received resolved = one(problemId, "ProblemResolved");
        assertTrue(resolved.offset() < verified.offset() && verified.offset() < closed.offset(),
                "resolved, then verified, then closed (one key, one partition)");
        assertEquals("RETIRED", OpenApiFuzzer.JSON.readTree(retired.value()).path("knownError").path("state").asText());
        Duration observed = Duration.between(Instant.parse(field(resolved, "occurredAt")), Instant.parse(field(verified, "occurredAt")));
        assertTrue(observed.compareTo(Suite.PROBLEM_FIX_VERIFICATION_PERIOD) >= 0,
                "closed only once the verification period had passed: " + observed);

        assertEventsMatchTheirAsyncApi(Set.of(problemId, candidateId), incidents, Set.of(changeId));
    }

    // ------------------------------------------------------------------ the reopen path

    /**
     * A second problem in FIX_VERIFICATION and a new incident on its CI: reopened by itself, back to
     * KNOWN_ERROR, with the incident linked.
     *
     * <p>Why this is deterministic enough: the reopen happens only if problem-service handles the
     * incident's {@code IncidentOpened} while the problem is still in verification, and the period is
     * one setting for the whole stack, which the first test waits out. The problem is sent into
     * verification synchronously (its fix change is implemented, and known to problem-service as such,
     * before {@code propose-fix}, which then goes straight on to FIX_VERIFICATION) and the incident is
     * opened right after that answer; the only race left is the incident event's way through the
     * outbox, Kafka and problem-service's consumer against {@link Suite#PROBLEM_FIX_VERIFICATION_PERIOD}
     * (15 s), where that way takes milliseconds (the other scenarios allow events 30 s only as a deadline).
     * If it ever loses, the failure says so with both instants rather than as a wrong state.
     */
    @Test
    @Order(2)
    void aMatchingIncidentDuringFixVerificationReopensTheProblemByItselfAndIsLinked() throws Exception {
        Map<String, String> svc = ScenariosTest.liveServiceWithCi("sys-problems-reopen");
        String ciId = svc.get("ciId");
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("title", "Nightly export times out");
        create.put("description", "The export job to the data warehouse times out about once a week");
        create.put("serviceIds", List.of(svc.get("serviceId")));
        create.put("ciIds", List.of(ciId));
        create.put("impact", "MEDIUM");
        create.put("urgency", "LOW");
        Response created = as("pr-agent", AGENT).body(create).post(PROBLEMS);
        assertEquals(201, created.statusCode(), created.asString());
        String problemId = created.path("id");
        assertEquals("LOGGED", created.path("state"));
        command("pr-agent", AGENT, problemId, "start-analysis", null).then().statusCode(200);
        command("pr-manager", PROBLEM_MANAGER, problemId, "record-root-cause", Map.of("category", "software",
                "analysis", "The export query has no index on the change date")).then().statusCode(200);
        String knownErrorId = command("pr-manager", PROBLEM_MANAGER, problemId, "publish-known-error", Map.of(
                "symptoms", "The nightly export ends with a timeout", "workaround", "Run the export again by hand after 06:00"))
                .then().statusCode(200).body("state", equalTo("KNOWN_ERROR")).extract().path("knownErrorId");

        // the fix change is implemented first, and problem-service's replica has seen it implemented
        String changeId = scheduledChange("Index the export query", ciId, 6);
        implement(changeId);
        assertEquals(1, TopicReader.await(Suite.bootstrap(), "itsm.change.events", 1, DEADLINE,
                r -> changeId.equals(r.key()) && "dev.itsm.change.ChangeImplemented".equals(r.ceType())).size());
        AtomicReference<Response> proposed = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
            // a replica that has not seen the change yet answers 422, one that has not seen it implemented FIX_IN_PROGRESS
            // (then the ChangeImplemented it has yet to handle moves the problem on by itself)
            String state = problem(problemId).getString("state");
            if (state.equals("KNOWN_ERROR")) {
                Response r = as("pr-manager", PROBLEM_MANAGER).body(Map.of("changeId", changeId))
                        .post(PROBLEMS + "/" + problemId + "/propose-fix");
                assertTrue(r.statusCode() == 200 || r.statusCode() == 422, r.asString());
                proposed.set(r);
                return r.statusCode() == 200 && "FIX_VERIFICATION".equals(r.path("state"));
            }
            return state.equals("FIX_VERIFICATION");
        });
        JsonPath verifying = problem(problemId);
        Instant verificationEndsAt = Instant.parse(verifying.getString("verificationEndsAt"));

        // a matching incident (same CI) while the fix is being verified
        String incident = openIncidentOnCi("pr-agent", svc);
        Instant openedAt = Instant.parse(as("pr-reader", READER).get("/api/v1/incidents/" + incident).path("openedAt"));
        assertTrue(openedAt.isBefore(verificationEndsAt), "the incident opened during verification (" + openedAt
                + ", verification ends " + verificationEndsAt + ")");
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonPath p = problem(problemId);
            if ("CLOSED".equals(p.getString("state"))) {
                fail("the problem closed at the end of its verification (" + verificationEndsAt + ") before problem-service "
                        + "handled the incident opened at " + openedAt + ": its event took longer than "
                        + Suite.PROBLEM_FIX_VERIFICATION_PERIOD);
            }
            assertEquals("KNOWN_ERROR", p.getString("state"));
        });
        JsonPath reopened = problem(problemId);
        assertEquals(1, reopened.getInt("reopenCount"));
        assertTrue(reopened.getList("linkedIncidentIds", String.class).contains(incident), "the incident is linked");
        assertNull(reopened.getString("fixChangeId"), "the fix is no longer the fix");
        assertNull(reopened.getString("verificationEndsAt"));
        as("pr-reader", READER).get(PROBLEMS + "/known-errors/" + knownErrorId).then().statusCode(200)
                .body("state", equalTo("ACTIVE"));

        JsonNode event = OpenApiFuzzer.JSON.readTree(one(problemId, "ProblemReopened").value());
        assertTrue(event.path("automatic").asBoolean(), "reopened by the service: " + event);
        assertEquals(incident, event.path("incidentId").asText(), event.toString());
        assertEquals("KNOWN_ERROR", event.path("state").asText());
        Received linked = TopicReader.await(Suite.bootstrap(), PROBLEM_TOPIC, 1, DEADLINE,
                r -> problemId.equals(r.key()) && (TYPE + "ProblemIncidentLinked").equals(r.ceType())
                        && incident.equals(field(r, "incidentId"))).get(0);
        assertTrue(OpenApiFuzzer.JSON.readTree(linked.value()).path("automatic").asBoolean(), linked.value());

        assertEventsMatchTheirAsyncApi(Set.of(problemId), Set.of(incident), Set.of(changeId));
    }

    @Test
    @Order(3)
    void aCommandInTheWrongStateIsA409NamingTheStateAndTheAllowedCommands() {
        Map<String, Object> create = new HashMap<>();
        create.put("title", "Printer queue stalls");
        create.put("ciIds", List.of(ScenariosTest.liveServiceWithCi("sys-problems-409").get("ciId")));
        create.put("impact", "LOW");
        create.put("urgency", "LOW");
        String problemId = as("p409-agent", AGENT).body(create).post(PROBLEMS).then().statusCode(201).extract().path("id");
        command("p409-manager", PROBLEM_MANAGER, problemId, "publish-known-error",
                Map.of("symptoms", "Jobs wait forever", "workaround", "Restart the spooler")).then().statusCode(409)
                .contentType("application/problem+json")
                .body("currentState", equalTo("LOGGED"))
                .body("allowedCommands", org.hamcrest.Matchers.hasItem("start-analysis"));
        as("p409-reader", READER).body(create).post(PROBLEMS).then().statusCode(403).contentType("application/problem+json");
    }

    // ------------------------------------------------------------------ helpers

    /** An incident on the service's CI, once incident-service's catalogue replica knows both. */
    static String openIncidentOnCi(String subject, Map<String, String> svc) {
        Map<String, Object> body = ScenariosTest.incident(svc.get("serviceId"), "MEDIUM", "MEDIUM");
        body.put("ciId", svc.get("ciId"));
        return ScenariosTest.openIncident(subject, body);
    }

    static JsonPath problem(String id) {
        return as("pm-reader", READER).get(PROBLEMS + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    static Response command(String subject, String role, String problemId, String command, Map<String, Object> body) {
        RequestSpecification spec = as(subject, role);
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.post(PROBLEMS + "/" + problemId + "/" + command);
    }

    /** The OPEN candidate of {@code kind} on {@code keyId}, or null. */
    static Map<String, Object> openCandidate(String kind, String keyId) {
        List<Map<String, Object>> items = as("pm-reader", READER).queryParam("kind", kind).queryParam("state", "OPEN")
                .queryParam("size", 200).get(PROBLEMS + "/candidates").then().statusCode(200).extract().jsonPath()
                .getList("items");
        return items.stream().filter(c -> keyId.equals(c.get("keyId"))).findFirst().orElse(null);
    }

    static List<String> knownErrorIds(Map<String, String> query) {
        return as("pm-reader", READER).queryParams(query).get(PROBLEMS + "/known-errors").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }

    static List<Map<String, Object>> notes(String incident) {
        return as("pm-reader", READER).queryParam("size", 100).get("/api/v1/incidents/" + incident + "/notes")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /**
     * A POST naming something problem-service knows only from another service's events (a change):
     * retried while its replica has not seen it yet, which is a 422 (docs/API-VOCABULARY.md).
     */
    static Response onceReplicated(Supplier<RequestSpecification> request, String path) {
        AtomicReference<Response> answer = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response r = request.get().post(path);
            answer.set(r);
            if (r.statusCode() == 200 || r.statusCode() == 201) {
                return true;
            }
            assertEquals(422, r.statusCode(), "only a change the replica has not seen yet may delay it: " + r.asString());
            return false;
        });
        return answer.get();
    }

    /** A NORMAL change on {@code ciId}, approved on both levels and scheduled {@code days} ahead (ScenariosTest's way). */
    static String scheduledChange(String title, String ciId, int days) {
        String id = ScenariosTest.normalChange(title, ciId, Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS));
        ScenariosTest.changeAs("rita").post("/api/v1/changes/" + id + "/schedule").then().statusCode(200)
                .body("state", equalTo("SCHEDULED"));
        return id;
    }

    /** Starts and completes the change: {@code ChangeImplemented} (state REVIEW). */
    static void implement(String changeId) {
        ScenariosTest.changeAs("rita").post("/api/v1/changes/" + changeId + "/start").then().statusCode(200)
                .body("state", equalTo("IMPLEMENT"));
        ScenariosTest.changeAs("rita").post("/api/v1/changes/" + changeId + "/complete").then().statusCode(200)
                .body("state", equalTo("REVIEW"));
    }

    /** The one record of {@code type} for {@code key} on the problem topic (waits for it). */
    static Received one(String key, String type) {
        List<Received> found = TopicReader.await(Suite.bootstrap(), PROBLEM_TOPIC, 1, DEADLINE,
                r -> key.equals(r.key()) && (TYPE + type).equals(r.ceType()));
        assertEquals(1, found.size(), type + " for " + key);
        return found.get(0);
    }

    static String field(Received r, String name) {
        try {
            return OpenApiFuzzer.JSON.readTree(r.value()).path(name).asText(null);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.value(), e);
        }
    }

    static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /**
     * Every record this scenario caused, read whole from the three topics, validates against the
     * {@code asyncapi.yaml} of the service that published it (as each service's own
     * AsyncApiContractTest does for its records): the problem and candidate events, and the incident
     * and change events of its incidents and changes (incident-service's carry the known error now).
     * And no record is there twice (no {@code ce_id} twice).
     */
    static void assertEventsMatchTheirAsyncApi(Set<String> problemKeys, Set<String> incidents, Set<String> changes)
            throws Exception {
        Map<String, List<Received>> byService = new LinkedHashMap<>();
        byService.put("problem-service", WholeTopic.read(Suite.bootstrap(), PROBLEM_TOPIC).stream()
                .filter(r -> problemKeys.contains(r.key())).toList());
        byService.put("incident-service", WholeTopic.read(Suite.bootstrap(), "itsm.incident.events").stream()
                .filter(r -> incidents.contains(r.key())).toList());
        byService.put("change-service", WholeTopic.read(Suite.bootstrap(), "itsm.change.events").stream()
                .filter(r -> changes.contains(r.key())).toList());
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<Received>> e : byService.entrySet()) {
            List<Received> records = e.getValue();
            assertTrue(!records.isEmpty(), "records of " + e.getKey());
            Set<String> ids = new java.util.HashSet<>();
            records.stream().filter(r -> !ids.add(r.ceId())).forEach(r -> failures.add(e.getKey() + ": " + r.ceType()
                    + " " + r.ceId() + " twice"));
            asyncApi(e.getKey()).violations(records).forEach(v -> failures.add(e.getKey() + ": " + v));
            System.out.println("AsyncAPI-checked " + e.getKey() + " events: " + records.stream()
                    .map(r -> r.ceType().substring(r.ceType().lastIndexOf('.') + 1)).collect(Collectors.toCollection(TreeSet::new)));
        }
        assertEquals(List.of(), failures);
    }

    /**
     * A service's AsyncAPI document as its running application carries it (the {@code asyncapi.yaml} in
     * {@code <root>/<module>/target/quarkus-app/app/<module>-*.jar}, so it always matches the code under test):
     * the test kit's validator reads {@code asyncapi.yaml} from the context class loader, so it is given one that
     * sees only that jar.
     */
    static AsyncApiValidator asyncApi(String module) throws Exception {
        Path app = Suite.root().resolve(module).resolve("target/quarkus-app/app");
        Path jar;
        try (var jars = Files.list(app)) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith(module) && p.toString().endsWith(".jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no application jar in " + app));
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader only = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
            thread.setContextClassLoader(only);
            try (InputStream check = only.getResourceAsStream("asyncapi.yaml")) {
                assertNotNull(check, "asyncapi.yaml of " + module);
            }
            return AsyncApiValidator.load();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
