package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.manager;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** CRUD of change models, blackout windows and maintenance windows. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class CatalogAndWindowsCrudTest {

    @Test
    void changeModelsAreCreatedEditedDeactivatedAndDeletedWhenUnused() {
        String name = "DNS record change " + UUID.randomUUID();
        UUID allowed = Api.service("dns");
        String id = Api.created(manager(), CHANGES + "/models", Map.of("name", name, "implementationPlan", "edit zone",
                "backoutPlan", "revert zone", "allowedServiceIds", List.of(allowed))).header("ETag", "\"0\"").body("active", equalTo(true)).extract().path("id");
        manager().body(Map.of("name", name.toUpperCase())).post(CHANGES + "/models").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/duplicate-name")).body("field", equalTo("name"))
                .body("value", equalTo(name.toUpperCase())).body("existingId", equalTo(id));
        manager().body(Map.of("name", " ")).post(CHANGES + "/models").then().statusCode(400).contentType(PROBLEM);

        // a standard change outside the model's allowed services is refused
        Map<String, Object> standard = new HashMap<>(Map.of("title", "Add record", "type", "STANDARD", "modelId", id,
                "serviceIds", List.of(UUID.randomUUID())));
        Api.rita().body(standard).post(CHANGES).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/outside-change-model"));
        standard.put("serviceIds", List.of(allowed));
        assertEquals("revert zone", Api.create(standard).getString("backoutPlan"));

        manager().header("If-Match", "\"0\"").contentType("application/merge-patch+json").body(Map.of("active", false))
                .patch(CHANGES + "/models/" + id).then().statusCode(200).body("active", equalTo(false))
                .body("implementationPlan", equalTo("edit zone")).header("ETag", "\"1\"");
        manager().contentType("application/merge-patch+json").body(Map.of("active", "sometimes")).patch(CHANGES + "/models/" + id)
                .then().statusCode(400).contentType(PROBLEM);
        Api.rita().queryParam("active", "false").queryParam("size", 500).get(CHANGES + "/models").then().statusCode(200)
                .body("items.id", hasItem(id));
        Api.rita().queryParam("active", "maybe").get(CHANGES + "/models").then().statusCode(400).contentType(PROBLEM);
        standard.put("title", "Another");
        Api.rita().body(standard).post(CHANGES).then().statusCode(422).contentType(PROBLEM);
        manager().delete(CHANGES + "/models/" + id).then().statusCode(409).contentType(PROBLEM);

        String unused = manager().body(Map.of("name", "Unused " + UUID.randomUUID())).post(CHANGES + "/models")
                .then().statusCode(201).extract().path("id");
        manager().header("If-Match", "\"3\"").delete(CHANGES + "/models/" + unused).then().statusCode(412).contentType(PROBLEM);
        manager().delete(CHANGES + "/models/" + unused).then().statusCode(204);
        manager().get(CHANGES + "/models/" + unused).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void blackoutWindowsAreManagedAndFilteredByRangeAndService() {
        UUID service = Api.service("quarter-close");
        String id = Api.created(manager(), CHANGES + "/blackout-windows", Map.of("name", "Quarter close", "startsAt",
                "2031-03-30T00:00:00Z", "endsAt", "2031-04-02T00:00:00Z", "serviceIds", List.of(service))).extract().path("id");
        manager().body(Map.of("name", "Backwards", "startsAt", "2031-03-30T00:00:00Z", "endsAt", "2031-03-29T00:00:00Z"))
                .post(CHANGES + "/blackout-windows").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("endsAt"));
        Api.rita().queryParam("from", "2031-03-01T00:00:00Z").queryParam("to", "2031-04-30T00:00:00Z").queryParam("serviceId", service)
                .get(CHANGES + "/blackout-windows").then().statusCode(200).body("items.id", hasItem(id));
        Api.rita().queryParam("from", "2031-03-01T00:00:00Z").queryParam("to", "2031-04-30T00:00:00Z")
                .queryParam("serviceId", UUID.randomUUID()).get(CHANGES + "/blackout-windows").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        manager().contentType("application/merge-patch+json").body(Map.of("endsAt", "2031-04-03T00:00:00Z"))
                .patch(CHANGES + "/blackout-windows/" + id).then().statusCode(200).body("endsAt", equalTo("2031-04-03T00:00:00Z"))
                .body("name", equalTo("Quarter close"));
        manager().header("If-Match", "\"1\"").body(Map.of("name", "Quarter close (global)", "startsAt", "2031-03-30T00:00:00Z",
                "endsAt", "2031-04-03T00:00:00Z")).put(CHANGES + "/blackout-windows/" + id).then().statusCode(200)
                .body("global", equalTo(true)).body("version", equalTo(2));
        manager().header("If-Match", "\"1\"").delete(CHANGES + "/blackout-windows/" + id).then().statusCode(412);
        manager().header("If-Match", "\"2\"").delete(CHANGES + "/blackout-windows/" + id).then().statusCode(204);
        Api.rita().queryParam("from", "never").get(CHANGES + "/blackout-windows").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void maintenanceWindowsAreManagedPerService() {
        UUID service = Api.service("weekend");
        String id = Api.created(manager(), CHANGES + "/maintenance-windows", Map.of("serviceId", service, "name", "Weekend",
                "daysOfWeek", List.of("SATURDAY", "SUNDAY"), "startTime", "23:00", "durationMinutes", 300, "timeZone",
                "America/New_York")).extract().path("id");
        Api.rita().queryParam("serviceId", service).get(CHANGES + "/maintenance-windows").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].daysOfWeek", hasSize(2));
        manager().contentType("application/merge-patch+json").body(Map.of("daysOfWeek", List.of("FRIDAY")))
                .patch(CHANGES + "/maintenance-windows/" + id).then().statusCode(200).body("daysOfWeek", equalTo(List.of("FRIDAY")));
        manager().contentType("application/merge-patch+json").body(Map.of("daysOfWeek", List.of("FUNDAY")))
                .patch(CHANGES + "/maintenance-windows/" + id).then().statusCode(400).contentType(PROBLEM);
        manager().delete(CHANGES + "/maintenance-windows/" + id).then().statusCode(204);
        manager().get(CHANGES + "/maintenance-windows/" + id).then().statusCode(404).contentType(PROBLEM);
        Api.rita().get(CHANGES + "/maintenance-windows/" + Instant.now()).then().statusCode(404).contentType(PROBLEM);
    }
}
