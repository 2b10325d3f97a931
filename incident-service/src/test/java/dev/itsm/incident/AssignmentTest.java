package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.command;
import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code POST /incidents/{id}/assign}: omitted fields stay as they are, an explicit null clears one. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class AssignmentTest {

    @Test
    void assigningOnlyAPersonKeepsTheAssignmentGroup() throws Exception {
        String id = open();
        command(id, "assign", Map.of("assignmentGroup", "payments-2nd-line")).then().statusCode(200)
                .body("assignmentGroup", equalTo("payments-2nd-line")).body("assignee", nullValue());

        command(id, "assign", Map.of("assignee", "alice")).then().statusCode(200)
                .body("assignmentGroup", equalTo("payments-2nd-line")).body("assignee", equalTo("alice"));

        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().extract().jsonPath();
        List<String> changed = history.getList("items.findAll { it.action == 'assign' }[1].changes.field");
        assertEquals(List.of("assignee"), changed, "the second assign changed only the assignee");

        List<Received> assigned = Fixtures.events(id, 4).stream()
                .filter(r -> r.ceType().endsWith("IncidentAssigned")).toList();
        JsonNode last = Fixtures.JSON.readTree(assigned.get(assigned.size() - 1).value());
        assertEquals("payments-2nd-line", last.get("assignmentGroup").asText());
        assertEquals("alice", last.get("assignee").asText());
    }

    @Test
    void assigningOnlyAGroupKeepsTheAssigneeAndAnExplicitNullClearsIt() {
        String id = open();
        command(id, "assign", Map.of("assignmentGroup", "payments-2nd-line", "assignee", "bob")).then().statusCode(200);
        command(id, "assign", Map.of("assignmentGroup", "network")).then().statusCode(200)
                .body("assignmentGroup", equalTo("network")).body("assignee", equalTo("bob"));

        agent().body("{\"assignmentGroup\":\"database\",\"assignee\":null}").post("/api/v1/incidents/" + id + "/assign")
                .then().statusCode(200).body("assignmentGroup", equalTo("database")).body("assignee", nullValue());
        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().extract().jsonPath();
        assertFalse(history.getList("items.findAll { it.action == 'assign' }[1].changes.field").contains("assignee"));
    }

    @Test
    void anAssignmentThatWouldLeaveNobodyIs400() {
        String id = open();
        agent().body("{}").post("/api/v1/incidents/" + id + "/assign").then().statusCode(400)
                .body("errors[0].field", equalTo("assignmentGroup"));
        agent().body("{\"assignee\":null}").post("/api/v1/incidents/" + id + "/assign").then().statusCode(400);
        agent().body("{\"assignee\":\"   \"}").post("/api/v1/incidents/" + id + "/assign").then().statusCode(400);
        reader().get("/api/v1/incidents/" + id).then().body("state", equalTo("NEW"));
    }
}
