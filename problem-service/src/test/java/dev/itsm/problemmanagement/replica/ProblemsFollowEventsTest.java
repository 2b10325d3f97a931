package dev.itsm.problemmanagement.replica;

import static dev.itsm.problemmanagement.ProblemFixtures.command;
import static dev.itsm.problemmanagement.ProblemFixtures.log;
import static dev.itsm.problemmanagement.ProblemFixtures.manager;
import static dev.itsm.problemmanagement.ProblemFixtures.newProblem;
import static dev.itsm.problemmanagement.ProblemFixtures.reader;
import static dev.itsm.problemmanagement.ProblemFixtures.toKnownError;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.PATIENCE;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.awaitProcessed;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.changeFacts;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.count;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.incidentFacts;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.now;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.openIncidents;
import static dev.itsm.problemmanagement.replica.ReplicaEvents.text;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Problems follow other services' events through the handlers: fix changes, recurring incidents, redeliveries. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class ProblemsFollowEventsTest {

    /** A change known to the replica through ChangeRequested, in {@code state}. */
    static UUID publishedChange(String state) {
        UUID id = UUID.randomUUID();
        CloudEventPublisher.publish("change", "ChangeRequested", id.toString(), changeFacts(id, "CHG0003001", state, now()));
        await().atMost(PATIENCE).until(() -> count("select count(*) from change_replica where change_id = ?", id) == 1);
        return id;
    }

    static String fixInProgress(UUID service, UUID ci, UUID fix) {
        String id = log(newProblem(service, ci));
        toKnownError(id);
        command(manager(), id, "propose-fix", Map.of("changeId", fix.toString())).then().statusCode(200);
        reader().get("/api/v1/problems/" + id).then().body("state", equalTo("FIX_IN_PROGRESS"));
        return id;
    }

    static void awaitState(String problemId, String state) {
        await().atMost(PATIENCE).until(() -> state.equals(text("select state from problem where id = cast(? as uuid)", problemId)));
    }

    @Test
    void changeImplementedMovesTheProblemItFixesToVerification() {
        UUID fix = publishedChange("IMPLEMENT");
        String id = fixInProgress(UUID.randomUUID(), UUID.randomUUID(), fix);
        CloudEventPublisher.publish("change", "ChangeImplemented", fix.toString(), changeFacts(fix, "CHG0003001", "REVIEW", now()));
        awaitState(id, "FIX_VERIFICATION");
        reader().get("/api/v1/problems/" + id).then().body("fixChangeId", equalTo(fix.toString()));
    }

    @Test
    void aRejectedFixChangeSendsTheProblemBackToKnownError() {
        UUID fix = publishedChange("AUTHORIZE");
        String id = fixInProgress(UUID.randomUUID(), UUID.randomUUID(), fix);
        CloudEventPublisher.publish("change", "ChangeRejected", fix.toString(), changeFacts(fix, "CHG0003001", "REJECTED", now()));
        awaitState(id, "KNOWN_ERROR");
        TopicReader.await("itsm.problem.events", 1, PATIENCE, r -> id.equals(r.key()) && r.ceType().endsWith("ProblemFixAbandoned"));
    }

    @Test
    void aMatchingIncidentReopensAProblemInVerificationAndJoinsNoCandidate() {
        UUID service = UUID.randomUUID();
        UUID ci = UUID.randomUUID();
        UUID fix = publishedChange("IMPLEMENT");
        String id = fixInProgress(service, ci, fix);
        CloudEventPublisher.publish("change", "ChangeImplemented", fix.toString(), changeFacts(fix, "CHG0003001", "REVIEW", now()));
        awaitState(id, "FIX_VERIFICATION");
        // an incident on the problem's CI reopens it and is linked to it, so no candidate counts it
        var incidents = openIncidents(1, service, ci);
        awaitState(id, "KNOWN_ERROR");
        assertEquals(id, text("select cast(problem_id as text) from problem_incident where incident_id = ?", incidents.get(0)));
        assertEquals(0, count("select count(*) from problem_candidate c join problem_candidate_incident m on m.candidate_id = c.id where c.key_id = ? and m.incident_id = ?", ci, incidents.get(0)));
    }

    @Test
    void aRedeliveredIncidentOpenedMakesNoSecondCandidateNorEvent() {
        UUID service = UUID.randomUUID();
        UUID ci = UUID.randomUUID();
        openIncidents(2, service, ci);
        UUID third = UUID.randomUUID();
        String ceId = UUID.randomUUID().toString();
        Instant at = now();
        Map<String, Object> facts = incidentFacts(third, "INC0009003", "NEW", service, ci, at, at);
        CloudEventPublisher.publish("incident", "IncidentOpened", third.toString(), ceId, facts);
        await().atMost(PATIENCE).until(() -> count("select count(*) from problem_candidate where kind = 'CI' and key_id = ?", ci) == 1);
        String candidate = text("select cast(id as text) from problem_candidate where kind = 'CI' and key_id = ?", ci);
        // the same event again (a redelivery after a lost commit of the offset), then a marker on the same key
        CloudEventPublisher.publish("incident", "IncidentOpened", third.toString(), ceId, facts);
        String marker = CloudEventPublisher.publish("incident", "IncidentAcknowledged", third.toString(),
                incidentFacts(third, "INC0009003", "IN_PROGRESS", service, ci, at, at.plusSeconds(1)));
        awaitProcessed(marker);
        assertEquals(1, count("select count(*) from problem_candidate where kind = 'CI' and key_id = ?", ci));
        assertEquals(3, count("select incident_count from problem_candidate where kind = 'CI' and key_id = ?", ci));
        assertEquals(1, TopicReader.readUntil("itsm.problem.events", PATIENCE,
                rs -> rs.stream().anyMatch(r -> candidate.equals(r.key()))).stream().filter(r -> candidate.equals(r.key())).count());
    }
}
