package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.normal;
import static dev.itsm.change.Api.rita;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A change names services and CIs the catalog replica knows: an unknown id is 422 naming it, the
 * detail says the replica may be catching up, and the same request succeeds once the catalog event
 * arrived (docs/API-VOCABULARY.md, "Replicas that are still catching up").
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class CatalogReferencesTest {

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
}
