package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        JsonPath report = reader().get(BASE + "/cis/" + g.db + "/impact").then().statusCode(200).extract().jsonPath();
        Map<String, Integer> depth = depths(report);

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
        assertEquals(1001, report.getInt("impactedCiCount"));
        assertEquals(2, report.getInt("impactedServiceCount"));
        assertFalse(depth.containsKey(g.server.toString()), "upstream server is not impacted");
        assertFalse(depth.containsKey(g.db.toString()), "the cycle does not list the db itself");

        UUID endpoint = g.endpoints.get(57).get(4);
        List<Map<String, Object>> path = report.getList("items.find { it.id == '" + endpoint + "' }.path");
        assertEquals(List.of(g.db.toString(), g.apps.get(57).toString(), endpoint.toString()),
                path.stream().map(s -> s.get("id")).toList());
        Map<?, ?> via = (Map<?, ?>) path.get(2).get("via");
        assertEquals("runs_on", via.get("relation"));
        assertEquals(endpoint.toString(), via.get("sourceId"));
        assertEquals(g.apps.get(57).toString(), via.get("targetId"));

        // nearest first
        List<Integer> depths = report.getList("items.depth");
        for (int i = 1; i < depths.size(); i++) {
            assertTrue(depths.get(i - 1) <= depths.get(i));
        }
    }

    @Test
    void theCycleCarriesImpactFromAnAppBackThroughTheDatabaseToEveryOtherApp() {
        UUID app0 = g.apps.get(0);
        JsonPath report = reader().get(BASE + "/cis/" + app0 + "/impact").then().statusCode(200).extract().jsonPath();
        Map<String, Integer> depth = depths(report);
        assertEquals(1, depth.get(g.db.toString()));
        assertEquals(2, depth.get(g.apps.get(99).toString()));
        assertEquals(3, depth.get(g.endpoints.get(99).get(8).toString()));
        assertEquals(1, depth.get(g.endpoints.get(0).get(0).toString()));
        assertEquals(2, depth.get(g.widget.toString()));
        assertEquals(4, depth.get(g.portal.toString()));
        assertFalse(depth.containsKey(app0.toString()));
        assertFalse(depth.containsKey(g.server.toString()));
        assertEquals(1001, report.getInt("impactedCiCount"));
        assertEquals(depth.size(), new HashSet<>(report.getList("items.id")).size(), "each item once");
    }

    @Test
    void aLeafImpactsOnlyWhatItHosts() {
        JsonPath report = reader().get(BASE + "/cis/" + g.endpoints.get(0).get(0) + "/impact").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Set.of(g.widget.toString()), depths(report).keySet());
    }

    private static Map<String, Integer> depths(JsonPath report) {
        Map<String, Integer> depth = new HashMap<>();
        List<Map<String, Object>> items = report.getList("items");
        for (Map<String, Object> item : items) {
            if (depth.put((String) item.get("id"), (Integer) item.get("depth")) != null) {
                throw new AssertionError("listed twice: " + item.get("id"));
            }
        }
        return depth;
    }
}
