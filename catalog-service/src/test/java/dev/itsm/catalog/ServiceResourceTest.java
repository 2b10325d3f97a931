package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.createService;
import static dev.itsm.catalog.Api.liveService;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.service;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class ServiceResourceTest {

    @Test
    void aServiceIsPlannedGoesLiveAndRetires() {
        String key = unique("email");
        Response created = admin().body(service(key, List.of())).post(BASE + "/services");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/catalog/services/"))
                .header("ETag", "\"0\"")
                .body("key", equalTo(key)).body("status", equalTo("PIPELINE"))
                .body("warranty.availabilityTarget", equalTo(99.9f))
                .body("warranty.supportHours", equalTo("24x7"));
        String id = created.path("id");

        reader().get(BASE + "/services/" + id).then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo("Service " + key));
        admin().header("If-Match", "\"0\"").post(BASE + "/services/" + id + "/go-live")
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("LIVE"));
        admin().post(BASE + "/services/" + id + "/go-live")
                .then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("LIVE")).body("allowedCommands", contains("retire"));
        admin().post(BASE + "/services/" + id + "/retire").then().statusCode(200).body("status", equalTo("RETIRED"));
        admin().post(BASE + "/services/" + id + "/retire")
                .then().statusCode(409).body("currentState", equalTo("RETIRED")).body("allowedCommands", hasSize(0));
        admin().contentType("application/merge-patch+json").body(Map.of("name", "x")).patch(BASE + "/services/" + id)
                .then().statusCode(409).body("currentState", equalTo("RETIRED"));
    }

    @Test
    void aPipelineServiceCanBeRetiredWithoutGoingLive() {
        String id = createService(unique("idea"));
        admin().post(BASE + "/services/" + id + "/retire").then().statusCode(200).body("status", equalTo("RETIRED"));
    }

    @Test
    void invalidServicesAreRejectedNamingEachField() {
        Map<String, Object> body = new HashMap<>(service("Not A Key!", List.of()));
        body.put("name", " ");
        body.put("warranty", Map.of("availabilityTarget", 120));
        admin().body(body).post(BASE + "/services")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("key", "name", "warranty.availabilityTarget"));
        Map<String, Object> badType = new HashMap<>(service(unique("t"), List.of()));
        badType.put("type", "PLATINUM");
        admin().body(badType).post(BASE + "/services")
                .then().statusCode(400).body("errors[0].field", equalTo("type"))
                .body("errors[0].message", equalTo("must be one of BUSINESS, TECHNICAL"));
        admin().body("{\"key\":").post(BASE + "/services").then().statusCode(400).contentType(PROBLEM);
        admin().post(BASE + "/services").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void keysAreUnique() {
        String key = unique("dup");
        createService(key);
        admin().body(service(key, List.of())).post(BASE + "/services")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("https://itsm.dev/problems/duplicate-key"));
    }

    @Test
    void unknownServicesAre404() {
        UUID id = UUID.randomUUID();
        reader().get(BASE + "/services/" + id).then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("Service " + id + " does not exist"));
        admin().post(BASE + "/services/" + id + "/go-live").then().statusCode(404).contentType(PROBLEM);
        admin().body(Map.of("name", "x")).patch(BASE + "/services/" + id).then().statusCode(404);
        reader().get(BASE + "/services/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void patchIsAJsonMergePatchHonouringIfMatch() {
        String id = createService(unique("patch"));
        admin().contentType("application/merge-patch+json").header("If-Match", "\"7\"")
                .body(Map.of("owner", "other")).patch(BASE + "/services/" + id)
                .then().statusCode(412).contentType(PROBLEM).body("currentVersion", equalTo(0));
        admin().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"owner\":\"other\",\"utility\":null,\"warranty\":{\"availabilityTarget\":99.5}}")
                .patch(BASE + "/services/" + id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("owner", equalTo("other"))
                .body("utility", nullValue())
                .body("warranty.availabilityTarget", equalTo(99.5f))
                .body("warranty.supportHours", equalTo("24x7"));
        // plain application/json is accepted too
        admin().body(Map.of("name", "Renamed")).patch(BASE + "/services/" + id).then().statusCode(200).body("name", equalTo("Renamed"));
        admin().body(Map.of("status", "LIVE", "key", "other-key")).patch(BASE + "/services/" + id)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("status", "key"));
        admin().body(Map.of("name", "")).patch(BASE + "/services/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        admin().body("[1,2]").patch(BASE + "/services/" + id).then().statusCode(400).contentType(PROBLEM);
        admin().body("{\"warranty\":\"gold\"}").patch(BASE + "/services/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("warranty"));
        admin().body("{\"dependsOn\":[\"not-a-uuid\"]}").patch(BASE + "/services/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("dependsOn[0]"));
        admin().body("{\"warranty\":{\"availabilityTarget\":\"high\"}}").patch(BASE + "/services/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("warranty.availabilityTarget"));
        admin().body("{\"type\":\"GOLD\"}").patch(BASE + "/services/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("type")).body("errors[0].message", equalTo("must be one of BUSINESS, TECHNICAL"));
    }

    @Test
    void dependenciesMustExistAndNeverFormACycle() {
        String a = createService(unique("a"));
        String b = createService(unique("b"), a);
        String c = createService(unique("c"), b);
        reader().get(BASE + "/services/" + c).then().body("dependsOn", contains(b));
        // a -> c would close a -> c -> b -> a
        admin().body(Map.of("dependsOn", List.of(c))).patch(BASE + "/services/" + a)
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/dependency-cycle"))
                .body("cycle", contains(a, c, b, a));
        admin().body(Map.of("dependsOn", List.of(a))).patch(BASE + "/services/" + a)
                .then().statusCode(400).body("errors[0].field", equalTo("dependsOn"));
        String missing = UUID.randomUUID().toString();
        admin().body(service(unique("d"), List.of(missing))).post(BASE + "/services")
                .then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/unknown-service"))
                .body("serviceIds", contains(missing));
        String retired = createService(unique("old"));
        admin().post(BASE + "/services/" + retired + "/retire").then().statusCode(200);
        admin().body(service(unique("e"), List.of(retired))).post(BASE + "/services")
                .then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/service-retired"));
        // a diamond is fine
        String d = createService(unique("d"), b, c);
        reader().queryParam("dependsOn", b).get(BASE + "/services").then().statusCode(200)
                .body("items.id", containsInAnyOrder(c, d));
    }

    @Test
    void twoConcurrentEditsCannotCloseADependencyCycleTogether() throws Exception {
        for (int round = 0; round < 3; round++) {
            String a = createService(unique("ca"));
            String b = createService(unique("cb"));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Integer>> calls = List.of(
                        () -> admin().body(Map.of("dependsOn", List.of(b))).patch(BASE + "/services/" + a).then().extract().statusCode(),
                        () -> admin().body(Map.of("dependsOn", List.of(a))).patch(BASE + "/services/" + b).then().extract().statusCode());
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    codes.add(f.get());
                }
                assertEquals(List.of(200, 409), codes.stream().sorted().toList(), "exactly one edge wins: " + codes);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void retiringAServiceInUseIs409ListingTheUsers() {
        String svc = liveService(unique("used"));
        String product = admin().body(Map.of("name", "Bundle", "serviceIds", List.of(svc))).post(BASE + "/products")
                .then().statusCode(201).extract().path("id");
        String offering = admin().body(Api.offering("Offer", List.of(svc))).post(BASE + "/offerings")
                .then().statusCode(201).extract().path("id");
        admin().post(BASE + "/services/" + svc + "/retire")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/service-in-use"))
                .body("users.id", containsInAnyOrder(product, offering))
                .body("users.type", containsInAnyOrder("PRODUCT", "OFFERING"));
        reader().get(BASE + "/services/" + svc + "/users").then().statusCode(200).body("id", containsInAnyOrder(product, offering));

        admin().post(BASE + "/offerings/" + offering + "/withdraw").then().statusCode(200);
        admin().post(BASE + "/services/" + svc + "/retire")
                .then().statusCode(409).body("users.id", contains(product));
        admin().delete(BASE + "/products/" + product).then().statusCode(204);
        admin().post(BASE + "/services/" + svc + "/retire").then().statusCode(200).body("status", equalTo("RETIRED"));
    }

    @Test
    void listsFilterSortAndPage() {
        String owner = unique("owner");
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = new HashMap<>(service(owner + "-" + i, List.of()));
            body.put("owner", owner);
            body.put("type", i == 0 ? "TECHNICAL" : "BUSINESS");
            admin().body(body).post(BASE + "/services").then().statusCode(201);
        }
        Response page = reader().queryParam("owner", owner).queryParam("size", 2).queryParam("sort", "-key")
                .get(BASE + "/services");
        page.then().statusCode(200).body("total", equalTo(3)).body("items", hasSize(2))
                .body("items.key", contains(owner + "-2", owner + "-1"));
        assertTrue(page.header("Link").contains("rel=\"next\""), page.header("Link"));
        reader().queryParam("owner", owner).queryParam("type", "TECHNICAL").get(BASE + "/services")
                .then().body("items.key", contains(owner + "-0"));
        reader().queryParam("q", owner.toUpperCase() + "-1").get(BASE + "/services")
                .then().body("items.key", contains(owner + "-1"));
        reader().queryParam("owner", owner).queryParam("status", "LIVE").get(BASE + "/services")
                .then().body("total", equalTo(0));
        Map<String, Object> percent = new HashMap<>(service(unique("pct"), List.of()));
        percent.put("name", "Uptime 99% club " + owner);
        admin().body(percent).post(BASE + "/services").then().statusCode(201);
        reader().queryParam("q", "99% CLUB " + owner).queryParam("count", "bounded").get(BASE + "/services").then()
                .body("total", equalTo(1));
        // a search counts only when asked (ListParameters.COUNT)
        reader().queryParam("q", "99% CLUB " + owner).get(BASE + "/services").then().body("items", hasSize(1))
                .body("total", nullValue());
        // q= is a full-text search: punctuation separates words, and LIKE's wildcards are not wildcards
        reader().queryParam("q", "9_ club " + owner).get(BASE + "/services").then().body("items", hasSize(0));
        reader().queryParam("q", "9%club " + owner).get(BASE + "/services").then().body("items", hasSize(0));
        reader().queryParam("status", "DEAD").get(BASE + "/services").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("status")).body("errors[0].message", equalTo("must be one of PIPELINE, LIVE, RETIRED"));
        reader().queryParam("sort", "secret").get(BASE + "/services").then().statusCode(400).body("errors[0].field", equalTo("sort"));
        reader().queryParam("size", 501).get(BASE + "/services").then().statusCode(400).body("errors[0].field", equalTo("size"));
        reader().queryParam("owner", owner).get(BASE + "/services").then().body("items.status", everyItem(equalTo("PIPELINE")))
                .body("items.key", not(hasItem("x")));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstCreate() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = service(unique("idem"), List.of());
        Response first = admin().header("Idempotency-Key", key).body(body).post(BASE + "/services");
        first.then().statusCode(201);
        admin().header("Idempotency-Key", key).body(body).post(BASE + "/services")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")))
                .body("id", equalTo(first.path("id")));
        admin().header("Idempotency-Key", key).body(service(unique("other"), List.of())).post(BASE + "/services")
                .then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void concurrentEditsWithTheSameVersionLetOneWin() throws Exception {
        String id = createService(unique("race"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String owner = "owner-" + i;
                calls.add(() -> admin().header("If-Match", "\"0\"").body(Map.of("owner", owner))
                        .patch(BASE + "/services/" + id).then().extract().statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertTrue(codes.stream().allMatch(c -> c == 200 || c == 409 || c == 412), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        reader().get(BASE + "/services/" + id).then().body("version", equalTo(1));
    }
}
