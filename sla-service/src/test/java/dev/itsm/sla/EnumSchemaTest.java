package dev.itsm.sla;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Closed sets are documented as their enum schema, not as plain strings (issue #17, "type every response"). */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class EnumSchemaTest {

    @Test
    void timerPriorityAndTimerStateFilterReferToTheirEnums() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());

        JsonNode priority = doc.at("/components/schemas/SlaTimerView/properties/priority");
        assertEquals("#/components/schemas/SlaPriority", priority.path("$ref").asText(), "SlaTimerView.priority: " + priority);

        JsonNode state = null;
        for (JsonNode p : doc.at("/paths/~1api~1v1~1sla~1timers/get/parameters")) {
            if (p.path("name").asText().equals("state")) {
                state = p.path("schema");
            }
        }
        assertEquals("#/components/schemas/SlaTimerState", state == null ? null : state.path("$ref").asText(),
                "listSlaTimers state parameter: " + state);
    }
}
