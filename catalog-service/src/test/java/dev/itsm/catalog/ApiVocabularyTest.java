package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.createCi;
import static dev.itsm.catalog.Api.createService;
import static dev.itsm.catalog.Api.liveService;
import static dev.itsm.catalog.Api.offering;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.service;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The catalogue speaks the suite's vocabulary (docs/API-VOCABULARY.md) next to its older names:
 * {@code state} beside {@code status}, {@code field}/{@code value}/{@code existingId} in uniqueness problems.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class ApiVocabularyTest {

    @Test
    void servicesShowTheirLifecycleAsStateWithStatusKeptAlongside() {
        String owner = unique("owner");
        Map<String, Object> body = new HashMap<>(service(unique("svc"), List.of()));
        body.put("owner", owner);
        String id = admin().body(body).post(BASE + "/services").then().statusCode(201)
                .body("state", equalTo("PIPELINE")).body("status", equalTo("PIPELINE")).extract().path("id");
        admin().post(BASE + "/services/" + id + "/go-live").then().statusCode(200)
                .body("state", equalTo("LIVE")).body("status", equalTo("LIVE"));
        reader().get(BASE + "/services/" + id).then().body("state", equalTo("LIVE"));

        reader().queryParam("owner", owner).queryParam("state", "LIVE").get(BASE + "/services")
                .then().statusCode(200).body("items.id", contains(id)).body("items[0].state", equalTo("LIVE"));
        reader().queryParam("owner", owner).queryParam("state", "PIPELINE").get(BASE + "/services")
                .then().statusCode(200).body("items", hasSize(0));
        reader().queryParam("owner", owner).queryParam("state", "live").queryParam("status", "LIVE").get(BASE + "/services")
                .then().statusCode(200).body("items.id", contains(id));
        reader().queryParam("owner", owner).queryParam("sort", "-state").get(BASE + "/services").then().statusCode(200);
        reader().queryParam("state", "LIVE").queryParam("status", "RETIRED").get(BASE + "/services")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("state"));
        reader().queryParam("state", "DEAD").get(BASE + "/services")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("state"));
        admin().body(Map.of("state", "RETIRED")).patch(BASE + "/services/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("state"));
    }

    @Test
    void configurationItemsShowTheirStateWithStatusKeptAlongside() {
        String name = unique("ci");
        String id = createCi(name, "server");
        admin().body(Map.of("status", "MAINTENANCE")).patch(BASE + "/cis/" + id).then().statusCode(200)
                .body("state", equalTo("MAINTENANCE")).body("status", equalTo("MAINTENANCE"));
        reader().queryParam("q", name).queryParam("state", "MAINTENANCE").get(BASE + "/cis")
                .then().statusCode(200).body("items.id", contains(id)).body("items[0].state", equalTo("MAINTENANCE"));
        reader().queryParam("q", name).queryParam("state", "ACTIVE").get(BASE + "/cis").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aConfigurationItemTakesItsStateUnderEitherName() {
        String id = admin().body(Map.of("name", unique("ci"), "ciClass", "server", "environment", "production", "state", "PLANNED"))
                .post(BASE + "/cis").then().statusCode(201)
                .body("state", equalTo("PLANNED")).body("status", equalTo("PLANNED")).extract().path("id");
        admin().body(Map.of("state", "ACTIVE")).patch(BASE + "/cis/" + id).then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("status", equalTo("ACTIVE"));
        admin().body(Map.of("status", "RETIRED")).patch(BASE + "/cis/" + id).then().statusCode(200)
                .body("state", equalTo("RETIRED")).body("status", equalTo("RETIRED"));
        admin().body(Map.of("state", "ACTIVE", "status", "MAINTENANCE")).patch(BASE + "/cis/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("state"));
        admin().body(Map.of("name", unique("ci"), "ciClass", "server", "environment", "production", "state", "PLANNED",
                "status", "ACTIVE")).post(BASE + "/cis").then().statusCode(400).body("errors[0].field", equalTo("state"));
        reader().get(BASE + "/cis/" + id).then().body("state", equalTo("RETIRED"));
    }

    @Test
    void offeringsAndTheUsersOfAServiceShowTheirStateWithStatusKeptAlongside() {
        String svc = liveService(unique("svc"));
        String name = unique("offer");
        String id = admin().body(offering(name, List.of(svc))).post(BASE + "/offerings").then().statusCode(201)
                .body("state", equalTo("DRAFT")).body("status", equalTo("DRAFT")).extract().path("id");
        admin().post(BASE + "/offerings/" + id + "/publish").then().statusCode(200).body("state", equalTo("PUBLISHED"));
        reader().queryParam("q", name).queryParam("state", "PUBLISHED").get(BASE + "/offerings")
                .then().statusCode(200).body("items.id", contains(id)).body("items[0].state", equalTo("PUBLISHED"));
        reader().queryParam("q", name).queryParam("state", "DRAFT").get(BASE + "/offerings").then().statusCode(200).body("items", hasSize(0));
        admin().body(Map.of("state", "WITHDRAWN")).patch(BASE + "/offerings/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("state"));
        String product = admin().body(Map.of("name", unique("bundle"), "serviceIds", List.of(svc))).post(BASE + "/products")
                .then().statusCode(201).extract().path("id");

        reader().get(BASE + "/services/" + svc + "/users").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.state", equalTo("PUBLISHED"))
                .body("find { it.id == '" + id + "' }.status", equalTo("PUBLISHED"))
                .body("find { it.id == '" + product + "' }.state", nullValue());
    }

    @Test
    void aDuplicateKeyNamesTheFieldTheValueAndTheExistingService() {
        String key = unique("dup");
        String existing = createService(key);
        admin().body(service(key, List.of())).post(BASE + "/services")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/duplicate-key"))
                .body("field", equalTo("key")).body("value", equalTo(key)).body("existingId", equalTo(existing))
                .body("key", equalTo(key));
    }

    @Test
    void aDuplicateRelationNamesTheExistingOne() {
        String app = createCi(unique("app"), "application");
        String server = createCi(unique("srv"), "server");
        String relation = Api.relate(app, "runs_on", "CI", server);
        admin().body(Map.of("relation", "runs_on", "targetType", "CI", "targetId", server)).post(BASE + "/cis/" + app + "/relations")
                .then().statusCode(409).body("type", equalTo("https://itsm.dev/problems/duplicate-relation"))
                .body("existingId", equalTo(relation));
    }
}
