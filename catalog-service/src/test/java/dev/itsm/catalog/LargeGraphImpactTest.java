package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.reader;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.itsm.catalog.ci.CiService;
import dev.itsm.catalog.portfolio.ServicePortfolio;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Impact analysis is right on a graph of 1,003 CIs with a cycle (correctness only; timings are in the benchmark). */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeGraphImpactTest {

    @Inject
    CiService cis;
    @Inject
    ServicePortfolio services;

    ImpactFixture g;

    @BeforeAll
    void build() {
        g = new ImpactFixture(cis, services, 100, 9);
        assertTrue(g.ciCount >= 1000, "graph has " + g.ciCount + " CIs");
    }

    @Test
    void everythingDownstreamOfTheDatabaseIsImpactedOnceWithItsShortestPath() {
        List<Map<String, Object>> items = allItems(g.db);
        Map<String, Integer> depth = depths(items);

        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < g.apps.size(); i++) {
            expected.put(g.apps.get(i).toString(), 1);
            for (UUID e : g.endpoints.get(i)) {
                expected.put(e.toString(), 2);
            }
        }
        expected.put(g.widget.toString(), 3);
        expected.put(g.shop.toString(), 2);
        expected.put(g.portal.toString(), 3);
        assertEquals(expected, depth);
        JsonPath report = reader().get(BASE + "/cis/" + g.db + "/impact").then().statusCode(200).extract().jsonPath();
        assertEquals(1001, report.getInt("impactedCiCount"));
        assertEquals(2, report.getInt("impactedServiceCount"));
        assertFalse(depth.containsKey(g.server.toString()), "upstream server is not impacted");
        assertFalse(depth.containsKey(g.db.toString()), "the cycle does not list the db itself");

        UUID endpoint = g.endpoints.get(57).get(4);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> path = (List<Map<String, Object>>) items.stream().filter(i -> endpoint.toString().equals(i.get("id")))
                .findFirst().orElseThrow().get("path");
        assertEquals(List.of(g.db.toString(), g.apps.get(57).toString(), endpoint.toString()),
                path.stream().map(s -> s.get("id")).toList());
        Map<?, ?> via = (Map<?, ?>) path.get(2).get("via");
        assertEquals("runs_on", via.get("relation"));
        assertEquals(endpoint.toString(), via.get("sourceId"));
        assertEquals(g.apps.get(57).toString(), via.get("targetId"));

        // nearest first, across pages
        List<Integer> depths = items.stream().map(i -> (Integer) i.get("depth")).toList();
        for (int i = 1; i < depths.size(); i++) {
            assertTrue(depths.get(i - 1) <= depths.get(i));
        }
    }

    @Test
    void theCycleCarriesImpactFromAnAppBackThroughTheDatabaseToEveryOtherApp() {
        UUID app0 = g.apps.get(0);
        List<Map<String, Object>> items = allItems(app0);
        Map<String, Integer> depth = depths(items);
        assertEquals(1, depth.get(g.db.toString()));
        assertEquals(2, depth.get(g.apps.get(99).toString()));
        assertEquals(3, depth.get(g.endpoints.get(99).get(8).toString()));
        assertEquals(1, depth.get(g.endpoints.get(0).get(0).toString()));
        assertEquals(2, depth.get(g.widget.toString()));
        assertEquals(4, depth.get(g.portal.toString()));
        assertFalse(depth.containsKey(app0.toString()));
        assertFalse(depth.containsKey(g.server.toString()));
        assertEquals(1001, reader().get(BASE + "/cis/" + app0 + "/impact").then().statusCode(200).extract().jsonPath()
                .getInt("impactedCiCount"));
        assertEquals(depth.size(), new HashSet<>(items.stream().map(i -> i.get("id")).toList()).size(), "each item once");
    }

    @Test
    void aLeafImpactsOnlyWhatItHosts() {
        assertEquals(Set.of(g.widget.toString()), depths(allItems(g.endpoints.get(0).get(0))).keySet());
    }

    @Test
    void theImpactComesInBoundedPages() {
        String body = reader().get(BASE + "/cis/" + g.db + "/impact").then().statusCode(200)
                .body("total", equalTo(1003)).body("impactedCiCount", equalTo(1001)).body("impactedServiceCount", equalTo(2))
                .body("page", equalTo(0)).body("size", equalTo(50)).body("truncated", equalTo(true)).body("items", hasSize(50))
                .extract().asString();
        assertTrue(body.length() < 100_000, "a default page of the 1,003-item impact is " + body.length() + " bytes");
        reader().queryParam("page", 2).queryParam("size", 500).get(BASE + "/cis/" + g.db + "/impact").then().statusCode(200)
                .body("items", hasSize(3)).body("truncated", equalTo(false)).body("total", equalTo(1003));
        reader().queryParam("page", 9).queryParam("size", 500).get(BASE + "/cis/" + g.db + "/impact").then().statusCode(200)
                .body("items", hasSize(0)).body("truncated", equalTo(false));
        reader().queryParam("size", 501).get(BASE + "/cis/" + g.db + "/impact").then().statusCode(400)
                .body("errors[0].field", equalTo("size")).body("errors[0].message", equalTo("must be between 1 and 500"));
        reader().queryParam("maxDepth", 101).get(BASE + "/cis/" + g.db + "/impact").then().statusCode(400)
                .body("errors[0].field", equalTo("maxDepth")).body("errors[0].message", equalTo("must be between 1 and 100"));
    }

    @Test
    void theOpenApiDocumentNamesTheBounds() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> parameters = doc.getList("paths.'/api/v1/catalog/cis/{id}/impact'.get.parameters");
        Map<String, Object> byName = new HashMap<>();
        parameters.forEach(p -> byName.put((String) p.get("name"), p.get("schema")));
        assertEquals(100, ((Map<?, ?>) byName.get("maxDepth")).get("maximum"));
        assertEquals(500, ((Map<?, ?>) byName.get("size")).get("maximum"));
        assertTrue(byName.containsKey("page"));
        assertEquals(Set.of("ciId", "ciName", "impactedCiCount", "impactedServiceCount", "total", "page", "size", "truncated", "items"),
                doc.getMap("components.schemas.ImpactReport.properties").keySet());
    }

    /** Every item of a CI's impact, page after page (nearest first). */
    private static List<Map<String, Object>> allItems(UUID ci) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonPath report = reader().queryParam("page", page).queryParam("size", 500).get(BASE + "/cis/" + ci + "/impact")
                    .then().statusCode(200).extract().jsonPath();
            items.addAll(report.getList("items"));
            if (!report.getBoolean("truncated")) {
                assertEquals(report.getInt("total"), items.size());
                return items;
            }
        }
    }

    private static Map<String, Integer> depths(List<Map<String, Object>> items) {
        Map<String, Integer> depth = new HashMap<>();
        for (Map<String, Object> item : items) {
            if (depth.put((String) item.get("id"), (Integer) item.get("depth")) != null) {
                throw new AssertionError("listed twice: " + item.get("id"));
            }
        }
        return depth;
    }
}
