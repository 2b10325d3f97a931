package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A change linked to (or unlinked from) an incident on the change side shows on the incident too. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class ChangeLinksTest {

    static final String CHANGE_TOPIC = "itsm.change.events";

    static Map<String, Object> link(UUID changeId, String incidentId, String at, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("changeId", changeId.toString());
        m.put("changeNumber", "CHG0000042");
        m.put("incidentId", incidentId);
        m.put(at, occurredAt.toString());
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    static String publish(String type, UUID changeId, Map<String, Object> data) {
        return CloudEventPublisher.publish("change", type, changeId.toString(), data);
    }

    static void awaitHandled(String ceId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.count(
                "select count(*) from processed_event where event_id = ?", ceId) == 1);
    }

    @Test
    void aLinkMadeOnTheChangeShowsOnTheIncidentAndIsPublishedOnce() throws Exception {
        String id = open();
        UUID change = UUID.randomUUID();
        Instant t = Instant.now();
        publish("ChangeIncidentLinked", change, link(change, id, "linkedAt", t));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("linkedChangeIds", equalTo(List.of(change.toString()))));

        List<Received> events = Fixtures.events(id, 2);
        assertEquals("dev.itsm.incident.IncidentUpdated", events.get(1).ceType());
        AsyncApiValidator.load().assertValid(events);
        JsonNode updated = Fixtures.JSON.readTree(events.get(1).value());
        assertEquals(List.of("linkedChangeIds"), Fixtures.JSON.convertValue(updated.get("changedFields"), List.class));
        assertEquals(change.toString(), updated.get("linkedChangeIds").get(0).asText());
        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().extract().jsonPath();
        assertEquals("change-linked", history.getString("items[1].action"));
        assertEquals("change-service", history.getString("items[1].actor"));

        // the change side hears its own link back (IncidentUpdated) and may say it again: nothing changes, nothing is published
        String again = publish("ChangeIncidentLinked", change, link(change, id, "linkedAt", t.plusSeconds(1)));
        awaitHandled(again);
        publish("ChangeIncidentUnlinked", change, link(change, id, "unlinkedAt", t.plusSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("linkedChangeIds", empty()));
        List<Received> after = Fixtures.events(id, 3);
        assertEquals(3, after.size(), "the repeated link published nothing");
        JsonNode unlinked = Fixtures.JSON.readTree(after.get(2).value());
        assertEquals(List.of("linkedChangeIds"), Fixtures.JSON.convertValue(unlinked.get("changedFields"), List.class));
        assertTrue(unlinked.get("linkedChangeIds").isEmpty());
        assertEquals(3, reader().get("/api/v1/incidents/" + id + "/history").jsonPath().getList("items").size());
    }

    @Test
    void aLinkToAnIncidentThisServiceDoesNotKnowIsIgnoredNotDeadLettered() {
        UUID change = UUID.randomUUID();
        String ceId = publish("ChangeIncidentLinked", change,
                link(change, UUID.randomUUID().toString(), "linkedAt", Instant.now()));
        awaitHandled(ceId);
        assertTrue(TopicReader.await(CHANGE_TOPIC + ".dlq", 1, Duration.ofSeconds(2), r -> ceId.equals(r.ceId())).isEmpty());
    }
}
