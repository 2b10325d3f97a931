package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.ProblemFixtures.agent;
import static dev.itsm.problemmanagement.ProblemFixtures.change;
import static dev.itsm.problemmanagement.ProblemFixtures.command;
import static dev.itsm.problemmanagement.ProblemFixtures.incident;
import static dev.itsm.problemmanagement.ProblemFixtures.log;
import static dev.itsm.problemmanagement.ProblemFixtures.manager;
import static dev.itsm.problemmanagement.ProblemFixtures.newProblem;
import static dev.itsm.problemmanagement.ProblemFixtures.toKnownError;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.problemmanagement.replica.ReplicaEvents;
import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.EventExamples;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Produces every event type for real — ProblemCandidateDetected through incident events the replica
 * handler and the detector take in — reads the records back from the topic and validates headers and
 * payload against asyncapi.yaml (no payload field undocumented); and every documented example validates too.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class AsyncApiContractTest {

    @Inject
    ProblemService problems;
    @Inject
    FixVerificationCloser closer;
    @Inject
    ProblemConfig config;

    @Test
    void everyEmittedEventMatchesItsDocumentedSchema() {
        AsyncApiValidator asyncapi = AsyncApiValidator.load();
        assertEquals("3.0.0", asyncapi.document().path("asyncapi").asText());
        assertEquals("itsm.problem.events", asyncapi.document().path("channels").path("problemEvents").path("address").asText());

        // a: logged with an incident, edited, unlinked, analysed, root cause, known error (twice), related change,
        //    fix proposed, abandoned, proposed again, resolved, reopened by a matching incident, resolved, closed by the closer
        UUID service = UUID.randomUUID();
        UUID ci = UUID.randomUUID();
        UUID inc = incident(service, ci);
        Map<String, Object> body = newProblem(service, ci);
        body.put("incidentIds", List.of(inc.toString()));
        String a = log(body);
        agent().body(Map.of("urgency", "HIGH")).patch("/api/v1/problems/" + a).then().statusCode(200);
        agent().delete("/api/v1/problems/" + a + "/incidents/" + inc).then().statusCode(200);
        toKnownError(a);
        command(manager(), a, "publish-known-error", Map.of("symptoms", "HTTP 502 at checkout, revised")).then().statusCode(200);
        agent().body(Map.of("changeId", change("NEW", false).toString())).post("/api/v1/problems/" + a + "/changes").then().statusCode(200);
        UUID rejected = change("ASSESS", false);
        command(manager(), a, "propose-fix", Map.of("changeId", rejected.toString())).then().statusCode(200);
        problems.onChangeAbandoned(rejected, "CHG1", "REJECTED", Instant.now());
        UUID fix = change("IMPLEMENT", false);
        command(manager(), a, "propose-fix", Map.of("changeId", fix.toString())).then().statusCode(200);
        problems.onChangeImplemented(fix, "CHG2", Instant.now());
        UUID recurring = incident(service, ci);
        problems.onIncidentOpened(recurring, service, ci, "INC9", TestClock.INSTANCE.instant());
        command(manager(), a, "propose-fix", Map.of("changeId", change("CLOSED", true).toString())).then().statusCode(200);
        try {
            TestClock.INSTANCE.advance(config.fixVerification().period().plusMinutes(1));
            closer.closeDue(TestClock.INSTANCE.instant());
        } finally {
            TestClock.INSTANCE.reset();
        }
        // b: canceled
        String b = log();
        command(manager(), b, "cancel", Map.of("reason", "duplicate of " + a)).then().statusCode(200);
        // a candidate: three incidents on one fresh CI, through incident-service's events
        UUID candidateCi = UUID.randomUUID();
        UUID candidateService = UUID.randomUUID();
        ReplicaEvents.openIncidents(3, candidateService, candidateCi);
        // c: accepted from that candidate once it holds 1,001 incidents (the others straight into the replica and the
        //    candidate): ProblemLogged names 1,000 of them, ProblemIncidentsLinked the last one
        await().atMost(Duration.ofSeconds(30)).until(() -> ReplicaEvents.count("select count(*) from problem_candidate"
                + " where kind = 'CI' and key_id = ? and state = 'OPEN' and incident_count = 3", candidateCi) == 1);
        UUID candidate = UUID.fromString(ReplicaEvents.text("select id from problem_candidate where kind = 'CI' and key_id = ?"
                + " and state = 'OPEN'", candidateCi));
        ReplicaEvents.execute("insert into incident_replica (incident_id, number, title, state, priority, service_id, ci_id,"
                + " opened_at, occurred_at) select gen_random_uuid(), 'INA' || lpad(g::text, 6, '0'), 'Orders slow ' || g, 'NEW',"
                + " 'P3', ?, ?, now() - g * interval '1 second', now() from generate_series(1, 998) g", candidateService, candidateCi);
        ReplicaEvents.execute("insert into problem_candidate_incident (candidate_id, incident_id, opened_at) select ?, incident_id,"
                + " opened_at from incident_replica where ci_id = ? on conflict do nothing", candidate, candidateCi);
        ReplicaEvents.execute("update problem_candidate set incident_count = 1001 where id = ?", candidate);
        String c = agent().post("/api/v1/problems/candidates/" + candidate + "/accept").then().statusCode(201)
                .body("linkedIncidentCount", equalTo(1001)).extract().path("id");

        Set<String> keys = Set.of(a, b, c);
        int expected = 24;
        List<Received> records = new ArrayList<>(TopicReader.await(ProblemFixtures.TOPIC, expected, Duration.ofSeconds(30),
                r -> keys.contains(r.key())));
        records.addAll(TopicReader.await(ProblemFixtures.TOPIC, 1, Duration.ofSeconds(30),
                r -> r.ceType().endsWith("ProblemCandidateDetected") && r.value().contains(candidateCi.toString())));
        asyncapi.assertValid(records);

        Set<String> seen = records.stream().map(r -> r.ceType().substring(ProblemFixtures.PREFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(asyncapi.documentedTypes(), seen, "every documented event type was emitted and checked");
        assertEquals(17, seen.size());
        EventExamples.write(records); // target/event-examples/, quoted by the issue notes
    }


    @Test
    void everyDocumentedExampleMatchesItsSchema() {
        AsyncApiValidator asyncapi = AsyncApiValidator.load();
        List<Received> examples = new ArrayList<>();
        JsonNode messages = asyncapi.document().path("components").path("messages");
        for (String type : asyncapi.documentedTypes()) {
            for (JsonNode example : messages.path(type).path("examples")) {
                JsonNode payload = example.path("payload");
                String key = payload.has("problemId") ? payload.path("problemId").asText() : payload.path("candidateId").asText();
                Map<String, String> headers = new HashMap<>();
                headers.put("ce_specversion", "1.0");
                headers.put("ce_id", UUID.randomUUID().toString());
                headers.put("ce_type", ProblemFixtures.PREFIX + type);
                headers.put("ce_source", "/itsm/problem-service");
                headers.put("ce_subject", key);
                headers.put("ce_time", payload.path("occurredAt").asText());
                headers.put("content-type", "application/json");
                examples.add(new Received(ProblemFixtures.TOPIC, 0, 0, key, payload.toString(), headers));
            }
        }
        assertEquals(asyncapi.documentedTypes().size(), examples.size(), "one example per event type");
        asyncapi.assertValid(examples);
    }
}
