package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.createCi;
import static dev.itsm.catalog.Api.liveService;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.relate;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class CiResourceTest {

    @Test
    void aCiIsRegisteredEditedAndDeleted() {
        String name = unique("mail-db");
        String id = admin().body(Map.of("name", name, "ciClass", "database", "environment", "production",
                "attributes", Map.of("vendor", "PostgreSQL", "version", "15", "cores", 8)))
                .post(BASE + "/cis").then().statusCode(201).header("ETag", "\"0\"")
                .body("status", equalTo("ACTIVE")).body("attributes.cores", equalTo(8)).extract().path("id");
        reader().get(BASE + "/cis/" + id).then().statusCode(200).header("ETag", "\"0\"").body("attributes.vendor", equalTo("PostgreSQL"));
        admin().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"status\":\"MAINTENANCE\",\"attributes\":{\"version\":\"16\",\"cores\":null,\"tags\":[\"mail\"]}}")
                .patch(BASE + "/cis/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("MAINTENANCE"))
                .body("attributes.version", equalTo("16")).body("attributes.cores", nullValue())
                .body("attributes.vendor", equalTo("PostgreSQL")).body("attributes.tags", contains("mail"));
        admin().header("If-Match", "\"0\"").body(Map.of("name", "x")).patch(BASE + "/cis/" + id).then().statusCode(412);
        reader().queryParam("q", name).queryParam("status", "MAINTENANCE").queryParam("ciClass", "database")
                .get(BASE + "/cis").then().statusCode(200).body("items.id", contains(id));
        admin().header("If-Match", "\"0\"").delete(BASE + "/cis/" + id).then().statusCode(412);
        admin().header("If-Match", "\"1\"").delete(BASE + "/cis/" + id).then().statusCode(204);
        reader().get(BASE + "/cis/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void invalidCisAreRejected() {
        admin().body(Map.of("name", "x", "ciClass", "Big Server", "environment", "")).post(BASE + "/cis")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", containsInAnyOrder("ciClass", "environment"));
        admin().body(Map.of("name", "x", "ciClass", "server", "environment", "prod", "status", "BROKEN")).post(BASE + "/cis")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        admin().body("{\"name\":\"x\",\"ciClass\":\"server\",\"environment\":\"prod\",\"attributes\":[1]}").post(BASE + "/cis")
                .then().statusCode(400).body("errors[0].field", equalTo("attributes"));
        reader().get(BASE + "/cis/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        reader().queryParam("status", "GONE").get(BASE + "/cis").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void aRelationCreateWithAnIdempotencyKeyIsReplayed() {
        String app = createCi(unique("app"), "application");
        String db = createCi(unique("db"), "database");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("relation", "depends_on", "targetType", "CI", "targetId", db);
        String first = admin().header("Idempotency-Key", key).body(body).post(BASE + "/cis/" + app + "/relations")
                .then().statusCode(201).extract().path("id");
        admin().header("Idempotency-Key", key).body(body).post(BASE + "/cis/" + app + "/relations")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        reader().get(BASE + "/cis/" + app + "/relations").then().body("", hasSize(1));
    }

    @Test
    void relationsAreTypedCheckedAndRemovedWithTheirCi() {
        String app = createCi(unique("app"), "application");
        String server = createCi(unique("srv"), "server");
        String rel = relate(app, "runs_on", "CI", server);
        admin().body(Map.of("relation", "runs_on", "targetType", "CI", "targetId", server)).post(BASE + "/cis/" + app + "/relations")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("https://itsm.dev/problems/duplicate-relation"));
        admin().body(Map.of("relation", "runs_on", "targetType", "CI", "targetId", app)).post(BASE + "/cis/" + app + "/relations")
                .then().statusCode(400).body("errors[0].field", equalTo("targetId"));
        admin().body(Map.of("relation", "owns", "targetType", "CI", "targetId", server)).post(BASE + "/cis/" + app + "/relations")
                .then().statusCode(400).body("errors[0].field", equalTo("relation"))
                .body("errors[0].message", equalTo("must be one of runs_on, depends_on, hosts"));
        admin().body(Map.of("relation", "hosts", "targetType", "CI", "targetId", UUID.randomUUID().toString()))
                .post(BASE + "/cis/" + server + "/relations").then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/unknown-ci"));
        admin().body(Map.of("relation", "hosts", "targetType", "SERVICE", "targetId", UUID.randomUUID().toString()))
                .post(BASE + "/cis/" + server + "/relations").then().statusCode(422);
        admin().body(Map.of("relation", "hosts", "targetType", "CI", "targetId", server))
                .post(BASE + "/cis/" + UUID.randomUUID() + "/relations").then().statusCode(404);

        reader().get(BASE + "/cis/" + app + "/relations").then().statusCode(200)
                .body("id", contains(rel)).body("relation", contains("runs_on")).body("targetId", contains(server));
        reader().queryParam("direction", "incoming").get(BASE + "/cis/" + server + "/relations").then().body("id", contains(rel));
        reader().queryParam("direction", "outgoing").get(BASE + "/cis/" + server + "/relations").then().body("", hasSize(0));
        reader().queryParam("direction", "sideways").get(BASE + "/cis/" + server + "/relations").then().statusCode(400);

        admin().delete(BASE + "/cis/" + server + "/relations/" + rel).then().statusCode(404);
        admin().delete(BASE + "/cis/" + app + "/relations/" + rel).then().statusCode(204);
        String again = relate(app, "runs_on", "CI", server);
        admin().delete(BASE + "/cis/" + server).then().statusCode(204);
        reader().get(BASE + "/cis/" + app + "/relations").then().body("", hasSize(0));
        admin().delete(BASE + "/cis/" + app + "/relations/" + again).then().statusCode(404);
    }

    /**
     * db ← app1 (depends_on), db ← app2 (depends_on), app1 ← web (runs_on), web hosts widget,
     * app2 hosts SERVICE shop, SERVICE portal depends on shop, and a cycle: db depends_on app1.
     * Upstream: db runs_on server (server is not impacted by db).
     */
    @Test
    void impactIsTransitiveWithPathsCycleSafeAndReachesServices() {
        String db = createCi(unique("db"), "database");
        String app1 = createCi(unique("app1"), "application");
        String app2 = createCi(unique("app2"), "application");
        String web = createCi(unique("web"), "endpoint");
        String widget = createCi(unique("widget"), "application");
        String server = createCi(unique("server"), "server");
        String shop = liveService(unique("shop"));
        String portal = liveService(unique("portal"), shop);
        relate(app1, "depends_on", "CI", db);
        relate(app2, "depends_on", "CI", db);
        relate(web, "runs_on", "CI", app1);
        relate(web, "hosts", "CI", widget);
        relate(app2, "hosts", "SERVICE", shop);
        relate(db, "depends_on", "CI", app1); // cycle db -> app1 -> db
        relate(db, "runs_on", "CI", server);

        JsonPath report = reader().get(BASE + "/cis/" + db + "/impact").then().statusCode(200)
                .body("ciId", equalTo(db)).body("impactedCiCount", equalTo(4)).body("impactedServiceCount", equalTo(2))
                .extract().jsonPath();
        Map<String, Integer> depth = report.<Map<String, Object>>getList("items").stream()
                .collect(Collectors.toMap(m -> (String) m.get("id"), m -> (Integer) m.get("depth")));
        assertEquals(Map.of(app1, 1, app2, 1, web, 2, widget, 3, shop, 2, portal, 3), depth);

        List<Map<String, Object>> portalPath = report.getList("items.find { it.id == '" + portal + "' }.path");
        assertEquals(List.of(db, app2, shop, portal), portalPath.stream().map(s -> s.get("id")).toList());
        assertEquals(Map.of("relation", "depends_on", "sourceType", "SERVICE", "sourceId", portal, "targetType", "SERVICE",
                "targetId", shop), portalPath.get(3).get("via"));
        assertEquals("hosts", ((Map<?, ?>) portalPath.get(2).get("via")).get("relation"));
        assertEquals(nullValue().matches(portalPath.get(0).get("via")), true);
        assertEquals("SERVICE", report.getString("items.find { it.id == '" + portal + "' }.type"));

        // from app1 the cycle leads back to db and on to everything db impacts, but never to app1 itself
        reader().get(BASE + "/cis/" + app1 + "/impact").then().statusCode(200)
                .body("items.id", containsInAnyOrder(web, widget, db, app2, shop, portal));
        reader().get(BASE + "/cis/" + server + "/impact").then().statusCode(200)
                .body("items.id", containsInAnyOrder(db, app1, app2, web, widget, shop, portal));
        reader().get(BASE + "/cis/" + widget + "/impact").then().statusCode(200).body("items", hasSize(0));
        reader().queryParam("maxDepth", 1).get(BASE + "/cis/" + db + "/impact").then().statusCode(200)
                .body("items.id", containsInAnyOrder(app1, app2)).body("impactedServiceCount", equalTo(0));
        reader().queryParam("type", "SERVICE").get(BASE + "/cis/" + db + "/impact").then().statusCode(200)
                .body("items.id", contains(shop, portal)).body("impactedCiCount", equalTo(0));
        reader().queryParam("maxDepth", 0).get(BASE + "/cis/" + db + "/impact").then().statusCode(400)
                .body("errors[0].field", equalTo("maxDepth"));
        reader().queryParam("type", "PERSON").get(BASE + "/cis/" + db + "/impact").then().statusCode(400);
        reader().get(BASE + "/cis/" + UUID.randomUUID() + "/impact").then().statusCode(404).contentType(PROBLEM);
    }
}
