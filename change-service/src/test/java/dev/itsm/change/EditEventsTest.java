package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.manager;
import static dev.itsm.change.Api.normal;
import static dev.itsm.change.Api.rita;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Every edit of published facts is an event: change edits, change models, blackout and maintenance windows. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class EditEventsTest {

    static final String TOPIC = "itsm.change.events";
    static final ObjectMapper JSON = new ObjectMapper();

    static List<Received> events(String key, int count) {
        List<Received> events = TopicReader.await(TOPIC, count, Duration.ofSeconds(30), r -> key.equals(r.key()));
        AsyncApiValidator.load().assertValid(events);
        return events;
    }

    static JsonNode payload(Received r) throws Exception {
        return JSON.readTree(r.value());
    }

    static List<String> texts(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Test
    void aPatchOfANewChangePublishesChangeUpdatedWithTheChangedFieldsAndTheFullFacts() throws Exception {
        UUID service = Api.service("edited-change");
        String id = Api.create(normal("Before the edit", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        // the service was just published on the catalog topic: wait for the replica, as the creates do
        Api.whileReplicaCatchesUp(() -> rita().contentType("application/merge-patch+json").body(Map.of("title", "After the edit",
                "serviceIds", List.of(service), "testPlan", "a better test")).patch(CHANGES + "/" + id)).then().statusCode(200);
        // the same values again change nothing, so no event
        rita().contentType("application/merge-patch+json").body(Map.of("title", "After the edit")).patch(CHANGES + "/" + id)
                .then().statusCode(200);
        rita().body(Map.of("reason", "edited enough")).post(CHANGES + "/" + id + "/cancel").then().statusCode(200);

        List<Received> events = events(id, 3);
        assertEquals(List.of("dev.itsm.change.ChangeRequested", "dev.itsm.change.ChangeUpdated", "dev.itsm.change.ChangeCanceled"),
                events.stream().map(Received::ceType).toList());
        JsonNode updated = payload(events.get(1));
        assertEquals(List.of("title", "testPlan", "serviceIds"), texts(updated.path("changedFields")));
        assertEquals("After the edit", updated.path("title").asText());
        assertEquals(List.of(service.toString()), texts(updated.path("serviceIds")));
        assertEquals("NEW", updated.path("state").asText());
    }

    @Test
    void changeModelsPublishEveryCreateEditAndDelete() throws Exception {
        String name = "Evented model " + UUID.randomUUID();
        String id = manager().body(Map.of("name", name, "implementationPlan", "do")).post(CHANGES + "/models")
                .then().statusCode(201).extract().path("id");
        manager().contentType("application/merge-patch+json").body(Map.of("active", false)).patch(CHANGES + "/models/" + id)
                .then().statusCode(200);
        manager().delete(CHANGES + "/models/" + id).then().statusCode(204);

        List<Received> events = events(id, 3);
        assertEquals(List.of("CREATED", "UPDATED", "DELETED"), events.stream().map(r -> {
            assertEquals("dev.itsm.change.ChangeModelChanged", r.ceType());
            assertEquals(id, r.header("ce_subject"));
            try {
                return payload(r).path("operation").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList());
        JsonNode updated = payload(events.get(1));
        assertEquals(name, updated.path("name").asText());
        assertEquals(false, updated.path("active").asBoolean(true));
        assertEquals(1, updated.path("version").asLong());
    }

    @Test
    void blackoutAndMaintenanceWindowsPublishEveryCreateEditAndDelete() throws Exception {
        UUID service = Api.service("windowed");
        String blackout = Api.created(manager(), CHANGES + "/blackout-windows", Map.of("name", "Freeze", "startsAt",
                "2031-01-01T00:00:00Z", "endsAt", "2031-01-02T00:00:00Z", "serviceIds", List.of(service))).extract().path("id");
        manager().body(Map.of("name", "Longer freeze", "startsAt", "2031-01-01T00:00:00Z", "endsAt", "2031-01-03T00:00:00Z"))
                .put(CHANGES + "/blackout-windows/" + blackout).then().statusCode(200);
        manager().delete(CHANGES + "/blackout-windows/" + blackout).then().statusCode(204);

        String maintenance = Api.created(manager(), CHANGES + "/maintenance-windows", Map.of("serviceId", service, "name",
                "Sunday night", "daysOfWeek", List.of("SUNDAY"), "startTime", "02:00", "durationMinutes", 120, "timeZone",
                "Europe/Berlin")).extract().path("id");
        manager().contentType("application/merge-patch+json").body(Map.of("durationMinutes", 180))
                .patch(CHANGES + "/maintenance-windows/" + maintenance).then().statusCode(200);
        manager().delete(CHANGES + "/maintenance-windows/" + maintenance).then().statusCode(204);

        List<Received> blackoutEvents = events(blackout, 3);
        List<Received> maintenanceEvents = events(maintenance, 3);
        for (List<Received> events : List.of(blackoutEvents, maintenanceEvents)) {
            List<String> operations = new ArrayList<>();
            for (Received r : events) {
                assertEquals("dev.itsm.change.ChangeWindowChanged", r.ceType());
                operations.add(payload(r).path("operation").asText());
            }
            assertEquals(List.of("CREATED", "UPDATED", "DELETED"), operations);
        }
        JsonNode replaced = payload(blackoutEvents.get(1));
        assertEquals("BLACKOUT", replaced.path("windowKind").asText());
        assertEquals("Longer freeze", replaced.path("name").asText());
        assertEquals(true, replaced.path("global").asBoolean(false));
        JsonNode patched = payload(maintenanceEvents.get(1));
        assertEquals("MAINTENANCE", patched.path("windowKind").asText());
        assertEquals(180, patched.path("durationMinutes").asInt());
        assertEquals(service.toString(), patched.path("serviceId").asText());
    }
}
