package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Every change of an incident's published facts is an event, so no replica drifts from REST. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class IncidentUpdatedTest {

    static final String UPDATED = "dev.itsm.incident.IncidentUpdated";

    @Test
    void aTitleOnlyPatchPublishesIncidentUpdatedWithTheNewTitleAndTheFullFacts() throws Exception {
        String id = open();
        agent().body("{\"title\":\"Checkout down for card payments\"}").patch("/api/v1/incidents/" + id)
                .then().statusCode(200);

        List<Received> events = Fixtures.events(id, 2);
        Received updated = events.get(1);
        assertEquals(UPDATED, updated.ceType());
        AsyncApiValidator.load().assertValid(List.of(updated));
        JsonNode payload = Fixtures.JSON.readTree(updated.value());
        assertEquals("Checkout down for card payments", payload.get("title").asText());
        assertEquals(List.of("title"), Fixtures.JSON.convertValue(payload.get("changedFields"), List.class));
        assertEquals("software", payload.get("category").asText(), "the unchanged facts are there too");
        assertEquals("P3", payload.get("priority").asText());
        assertEquals(id, payload.get("incidentId").asText());
    }

    @Test
    void everyEditedFactIsNamedAndAPriorityChangePublishesBothEvents() throws Exception {
        String id = open(); // MEDIUM × MEDIUM = P3
        agent().body("{\"title\":\"Checkout down for card payments\"}").patch("/api/v1/incidents/" + id)
                .then().statusCode(200);
        // changes nothing: no event
        agent().body("{\"title\":\"Checkout down for card payments\"}").patch("/api/v1/incidents/" + id)
                .then().statusCode(200);
        String change = "5d0c7a3e-1b2f-4c8d-9e6a-7f8b9c0d1e2f";
        agent().body("{\"urgency\":\"HIGH\",\"category\":\"ui\",\"description\":\"Since 09:10\",\"linkedChangeIds\":[\"" + change + "\"]}")
                .patch("/api/v1/incidents/" + id).then().statusCode(200);

        List<Received> events = Fixtures.events(id, 4);
        assertEquals(List.of("IncidentOpened", "IncidentUpdated", "IncidentPriorityChanged", "IncidentUpdated"),
                events.stream().map(r -> r.ceType().substring("dev.itsm.incident.".length())).toList());
        AsyncApiValidator.load().assertValid(events);
        JsonNode updated = Fixtures.JSON.readTree(events.get(3).value());
        assertEquals(new TreeSet<>(Set.of("urgency", "priority", "category", "description", "linkedChangeIds")),
                new TreeSet<>(Fixtures.JSON.convertValue(updated.get("changedFields"), List.class)));
        assertEquals("ui", updated.get("category").asText());
        assertEquals("Since 09:10", updated.get("description").asText());
        assertEquals("P2", updated.get("priority").asText());
        assertEquals(change, updated.get("linkedChangeIds").get(0).asText());
    }
}
