package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.ProblemFixtures.agent;
import static dev.itsm.problemmanagement.ProblemFixtures.change;
import static dev.itsm.problemmanagement.ProblemFixtures.events;
import static dev.itsm.problemmanagement.ProblemFixtures.incident;
import static dev.itsm.problemmanagement.ProblemFixtures.log;
import static dev.itsm.problemmanagement.ProblemFixtures.newProblem;
import static dev.itsm.problemmanagement.ProblemFixtures.reader;
import static dev.itsm.problemmanagement.ProblemFixtures.types;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.problemmanagement.api.CreateProblemRequest;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Links to incidents and changes: known to the replicas (422 otherwise), an incident to one problem at most (409). */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class ProblemLinksTest {

    @Inject
    ProblemService problems;

    @Test
    void aProblemLoggedFromACandidateNamesItAndItsIncidentsInOneEvent() throws Exception {
        UUID ci = UUID.randomUUID();
        UUID candidate = UUID.randomUUID();
        List<UUID> incidents = List.of(incident(null, ci), incident(null, ci), incident(null, ci));
        String id = problems.logFromCandidate(candidate, incidents, new CreateProblemRequest("Recurring incidents on db-01", null,
                List.of(), List.of(ci), Impact.MEDIUM, Urgency.MEDIUM, null, null, null), "alice").id().toString();
        reader().get("/api/v1/problems/" + id).then().statusCode(200).body("candidateId", equalTo(candidate.toString()))
                .body("linkedIncidentIds.size()", equalTo(3)).body("priority", equalTo("P3"));
        // one event, not one per incident: every event carries all linked ids, so N link events carried 1 + … + N
        agent().body(Map.of("incidentId", incident(null, ci).toString())).post("/api/v1/problems/" + id + "/incidents")
                .then().statusCode(200);
        var records = events(id, 2);
        assertEquals(List.of("ProblemLogged", "ProblemIncidentLinked"), types(records));
        ObjectMapper json = new ObjectMapper();
        assertEquals(candidate.toString(), json.readTree(records.get(0).value()).path("candidateId").asText());
        List<String> named = new ArrayList<>();
        json.readTree(records.get(0).value()).path("linkedIncidentIds").forEach(n -> named.add(n.asText()));
        assertEquals(incidents.stream().map(UUID::toString).collect(Collectors.toSet()), Set.copyOf(named),
                "ProblemLogged names every incident");
        assertEquals(4, json.readTree(records.get(1).value()).path("linkedIncidentIds").size(), "a later link: one event");
    }

    @Test
    void anIncidentTheReplicaDoesNotKnowIs422() {
        UUID unknown = UUID.randomUUID();
        String id = log();
        agent().body(Map.of("incidentId", unknown.toString())).post("/api/v1/problems/" + id + "/incidents").then().statusCode(422)
                .body("type", equalTo("https://itsm.dev/problems/unknown-incident")).body("incidentId", equalTo(unknown.toString()))
                .body("detail", org.hamcrest.Matchers.containsString("may lag"));
        Map<String, Object> body = newProblem(UUID.randomUUID(), null);
        body.put("incidentIds", List.of(unknown.toString()));
        agent().body(body).post("/api/v1/problems").then().statusCode(422);
    }

    @Test
    void anIncidentLinkedToAnotherProblemIs409() {
        UUID inc = incident(UUID.randomUUID(), UUID.randomUUID());
        String first = log();
        String second = log();
        agent().body(Map.of("incidentId", inc.toString())).post("/api/v1/problems/" + first + "/incidents").then().statusCode(200)
                .body("linkedIncidentIds", contains(inc.toString()));
        // again on the same problem: nothing changes
        agent().body(Map.of("incidentId", inc.toString())).post("/api/v1/problems/" + first + "/incidents").then().statusCode(200)
                .body("version", equalTo(1));
        agent().body(Map.of("incidentId", inc.toString())).post("/api/v1/problems/" + second + "/incidents").then().statusCode(409)
                .body("type", equalTo("https://itsm.dev/problems/incident-already-linked")).body("problemId", equalTo(first));
        Map<String, Object> body = newProblem(UUID.randomUUID(), null);
        body.put("incidentIds", List.of(inc.toString()));
        agent().body(body).post("/api/v1/problems").then().statusCode(409);

        reader().get("/api/v1/problems/" + first + "/incidents").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].incidentId", equalTo(inc.toString())).body("items[0].state", equalTo("NEW"))
                .body("items[0].linkedBy", equalTo("alice"));
        // unlinked, it can go to the other problem
        agent().delete("/api/v1/problems/" + first + "/incidents/" + inc).then().statusCode(200).body("linkedIncidentIds", empty());
        agent().delete("/api/v1/problems/" + first + "/incidents/" + inc).then().statusCode(404);
        agent().body(Map.of("incidentId", inc.toString())).post("/api/v1/problems/" + second + "/incidents").then().statusCode(200);
        assertEquals(List.of("ProblemLogged", "ProblemIncidentLinked", "ProblemIncidentUnlinked"), types(events(first, 3)));
    }

    @Test
    void aRelatedChangeIsLinkedOnceAndListedWithItsReplicaState() {
        String id = log();
        UUID related = change("SCHEDULED", false);
        agent().body(Map.of("changeId", UUID.randomUUID().toString())).post("/api/v1/problems/" + id + "/changes").then()
                .statusCode(422).body("type", equalTo("https://itsm.dev/problems/unknown-change"));
        agent().body(Map.of("changeId", related.toString(), "relation", "FIX")).post("/api/v1/problems/" + id + "/changes").then()
                .statusCode(400);
        agent().body(Map.of("changeId", related.toString(), "relation", "RELATED")).post("/api/v1/problems/" + id + "/changes").then()
                .statusCode(200).body("linkedChangeIds", contains(related.toString()));
        agent().body(Map.of("changeId", related.toString())).post("/api/v1/problems/" + id + "/changes").then().statusCode(200)
                .body("version", equalTo(1));
        reader().get("/api/v1/problems/" + id + "/changes").then().statusCode(200).body("items[0].relation", equalTo("RELATED"))
                .body("items[0].state", equalTo("SCHEDULED")).body("items[0].implemented", equalTo(false));
        assertEquals(List.of("ProblemLogged", "ProblemChangeLinked"), types(events(id, 2)));
    }
}
