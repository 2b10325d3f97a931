package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.manager;
import static dev.itsm.change.Api.normal;
import static dev.itsm.change.Api.rita;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Changes, change models, blackout and maintenance windows name services and CIs the catalog replica
 * knows: an unknown id is 422 naming it, the detail says the replica may be catching up, and the same
 * request succeeds once the catalog event arrived (docs/API-VOCABULARY.md, "Replicas that are still
 * catching up"). An edit is checked only for the ids it adds.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class CatalogReferencesTest {

    static final String UNKNOWN_SERVICE = "https://itsm.dev/problems/unknown-service";
    static final String UNKNOWN_CI = "https://itsm.dev/problems/unknown-ci";
    static final String MODELS = CHANGES + "/models";
    static final String BLACKOUTS = CHANGES + "/blackout-windows";
    static final String MAINTENANCE = CHANGES + "/maintenance-windows";
    static final String MERGE_PATCH = "application/merge-patch+json";

    @Test
    void aChangeOnAServiceTheCatalogDoesNotKnowIsRefusedUntilTheServiceArrives() {
        UUID unknown = UUID.randomUUID();
        Map<String, Object> body = normal("On an unknown service", freshSlot(), Duration.ofHours(1), List.of(unknown), List.of());
        rita().body(body).post(CHANGES).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/unknown-service"))
                .body("serviceId", equalTo(unknown.toString()))
                .body("detail", containsString(unknown.toString())).body("detail", containsString("catching up"));

        Api.serviceCreated(unknown, "late-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().body(body).post(CHANGES).then().statusCode(201)
                .body("serviceIds[0]", equalTo(unknown.toString())));
    }

    @Test
    void aChangeOnAConfigurationItemTheCatalogDoesNotKnowIsRefused() {
        UUID unknown = UUID.randomUUID();
        Map<String, Object> body = normal("On an unknown CI", freshSlot(), Duration.ofHours(1), List.of(), List.of(unknown));
        rita().body(body).post(CHANGES).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/unknown-ci"))
                .body("ciId", equalTo(unknown.toString())).body("detail", containsString("catching up"));

        Api.ciChanged(unknown, "db-late-1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().body(body).post(CHANGES).then().statusCode(201));
    }

    @Test
    void aPatchAddingAnUnknownServiceIsRefusedAndChangesNothing() {
        UUID known = Api.service("patched-scope");
        String id = Api.create(normal("Scope edit", freshSlot(), Duration.ofHours(1), List.of(known), List.of())).getString("id");
        UUID unknown = UUID.randomUUID();
        rita().contentType("application/merge-patch+json").body(Map.of("serviceIds", List.of(known, unknown)))
                .patch(CHANGES + "/" + id).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/unknown-service"))
                .body("serviceId", equalTo(unknown.toString()));
        rita().contentType("application/merge-patch+json").body(Map.of("ciIds", List.of(unknown)))
                .patch(CHANGES + "/" + id).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/unknown-ci")).body("ciId", equalTo(unknown.toString()));
        rita().get(CHANGES + "/" + id).then().statusCode(200).header("ETag", "\"0\"").body("serviceIds", hasSize(1))
                .body("ciIds", hasSize(0));

        UUID other = Api.service("patched-scope-2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rita().contentType("application/merge-patch+json")
                .body(Map.of("serviceIds", List.of(known, other))).patch(CHANGES + "/" + id).then().statusCode(200)
                .body("serviceIds", hasSize(2)));
    }

    // ------------------------------------------------------------------------------ blackout windows

    @Test
    void aBlackoutWindowOnAServiceTheCatalogDoesNotKnowIsRefusedUntilTheServiceArrives() {
        UUID unknown = UUID.randomUUID();
        Map<String, Object> body = blackout("Freeze of an unknown service", List.of(unknown));
        manager().body(body).post(BLACKOUTS).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(UNKNOWN_SERVICE)).body("serviceId", equalTo(unknown.toString()))
                .body("detail", containsString(unknown.toString())).body("detail", containsString("catching up"));

        Api.serviceCreated(unknown, "late-frozen");
        Api.created(manager(), BLACKOUTS, body).body("serviceIds", equalTo(List.of(unknown.toString())));
    }

    @Test
    void blackoutWindowEditsAddingAnUnknownServiceAreRefusedAndChangeNothing() {
        UUID known = Api.service("frozen");
        String id = Api.created(manager(), BLACKOUTS, blackout("Freeze", List.of(known))).extract().path("id");
        UUID unknown = UUID.randomUUID();
        manager().body(blackout("Freeze", List.of(known, unknown))).put(BLACKOUTS + "/" + id).then().statusCode(422)
                .contentType(PROBLEM).body("type", equalTo(UNKNOWN_SERVICE)).body("serviceId", equalTo(unknown.toString()));
        manager().contentType(MERGE_PATCH).body(Map.of("serviceIds", List.of(unknown))).patch(BLACKOUTS + "/" + id).then()
                .statusCode(422).contentType(PROBLEM).body("type", equalTo(UNKNOWN_SERVICE))
                .body("serviceId", equalTo(unknown.toString()));
        manager().get(BLACKOUTS + "/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("serviceIds", equalTo(List.of(known.toString())));

        manager().contentType(MERGE_PATCH).body(Map.of("name", "Longer freeze")).patch(BLACKOUTS + "/" + id).then().statusCode(200)
                .body("serviceIds", equalTo(List.of(known.toString())));
    }

    // ------------------------------------------------------------------------------ maintenance windows

    @Test
    void aMaintenanceWindowOfAServiceTheCatalogDoesNotKnowIsRefusedOnCreatePutAndPatch() {
        UUID unknown = UUID.randomUUID();
        manager().body(maintenance(unknown)).post(MAINTENANCE).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(UNKNOWN_SERVICE)).body("serviceId", equalTo(unknown.toString()))
                .body("detail", containsString("catching up"));

        UUID known = Api.service("maintained");
        String id = Api.created(manager(), MAINTENANCE, maintenance(known)).extract().path("id");
        manager().body(maintenance(unknown)).put(MAINTENANCE + "/" + id).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(UNKNOWN_SERVICE)).body("serviceId", equalTo(unknown.toString()));
        manager().contentType(MERGE_PATCH).body(Map.of("serviceId", unknown)).patch(MAINTENANCE + "/" + id).then()
                .statusCode(422).contentType(PROBLEM).body("type", equalTo(UNKNOWN_SERVICE))
                .body("serviceId", equalTo(unknown.toString()));
        manager().get(MAINTENANCE + "/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("serviceId", equalTo(known.toString()));
    }

    // ------------------------------------------------------------------------------ change models

    @Test
    void aChangeModelAllowingServicesOrCisTheCatalogDoesNotKnowIsRefused() {
        UUID unknown = UUID.randomUUID();
        manager().body(model(List.of(unknown), List.of())).post(MODELS).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(UNKNOWN_SERVICE)).body("serviceId", equalTo(unknown.toString()))
                .body("detail", containsString("catching up"));
        manager().body(model(List.of(), List.of(unknown))).post(MODELS).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(UNKNOWN_CI)).body("ciId", equalTo(unknown.toString()))
                .body("detail", containsString("catching up"));

        UUID service = Api.service("modelled");
        UUID ci = Api.ci("modelled-db");
        Api.created(manager(), MODELS, model(List.of(service), List.of(ci)))
                .body("allowedServiceIds", equalTo(List.of(service.toString()))).body("allowedCiIds", equalTo(List.of(ci.toString())));
    }

    @Test
    void changeModelEditsAreCheckedOnlyForTheServicesAndCisTheyAdd() {
        UUID service = Api.service("modelled-edit");
        UUID ci = Api.ci("modelled-edit-db");
        Map<String, Object> body = model(List.of(service), List.of(ci));
        String id = Api.created(manager(), MODELS, body).extract().path("id");
        UUID unknown = UUID.randomUUID();
        Map<String, Object> withUnknownService = new HashMap<>(body);
        withUnknownService.put("allowedServiceIds", List.of(service, unknown));
        manager().body(withUnknownService).put(MODELS + "/" + id).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(UNKNOWN_SERVICE)).body("serviceId", equalTo(unknown.toString()));
        manager().contentType(MERGE_PATCH).body(Map.of("allowedCiIds", List.of(ci, unknown))).patch(MODELS + "/" + id).then()
                .statusCode(422).contentType(PROBLEM).body("type", equalTo(UNKNOWN_CI)).body("ciId", equalTo(unknown.toString()));
        manager().get(MODELS + "/" + id).then().statusCode(200).header("ETag", "\"0\"");

        // the catalog deletes the CI: a new model may no longer name it, but this model's edits that keep it still pass
        Api.ciDeleted(ci, "modelled-edit-db");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> manager().body(model(List.of(), List.of(ci))).post(MODELS)
                .then().statusCode(422).body("type", equalTo(UNKNOWN_CI)));
        manager().contentType(MERGE_PATCH).body(Map.of("description", "still allowed")).patch(MODELS + "/" + id).then()
                .statusCode(200).body("allowedCiIds", equalTo(List.of(ci.toString())));
        body.put("description", "replaced, same scope");
        manager().body(body).put(MODELS + "/" + id).then().statusCode(200).body("version", equalTo(2));
    }

    private static Map<String, Object> blackout(String name, List<UUID> services) {
        return Map.of("name", name, "startsAt", "2033-03-01T00:00:00Z", "endsAt", "2033-03-02T00:00:00Z", "serviceIds", services);
    }

    private static Map<String, Object> maintenance(UUID service) {
        return Map.of("serviceId", service, "name", "Sunday night", "daysOfWeek", List.of("SUNDAY"), "startTime", "02:00",
                "durationMinutes", 120, "timeZone", "Europe/Berlin");
    }

    private static Map<String, Object> model(List<UUID> services, List<UUID> cis) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Scoped model " + UUID.randomUUID());
        body.put("implementationPlan", "do");
        body.put("allowedServiceIds", services);
        body.put("allowedCiIds", cis);
        return body;
    }
}
