package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** {@code sort} follows the field's value: priority P1..P5, so {@code sort=priority} is the most urgent first — as documented. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class IncidentListOrderTest {

    @Test
    void sortByPriorityListsTheMostUrgentFirstAndTheDocumentSaysSo() throws Exception {
        UUID service = UUID.randomUUID();
        Fixtures.publishService("ServiceCreated", service, "Intranet", "LIVE");
        String p5 = open(service, "LOW", "LOW");
        String p3 = open(service, "MEDIUM", "MEDIUM");
        String p1 = open(service, "HIGH", "HIGH");
        String p3later = open(service, "HIGH", "LOW");

        reader().queryParam("serviceId", service).queryParam("sort", "priority,-openedAt").get("/api/v1/incidents")
                .then().statusCode(200).body("items.id", equalTo(List.of(p1, p3later, p3, p5)));
        reader().queryParam("serviceId", service).queryParam("sort", "-priority,openedAt").get("/api/v1/incidents")
                .then().statusCode(200).body("items.id", equalTo(List.of(p5, p3, p3later, p1)));

        JsonNode doc = Fixtures.JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode sort = null;
        for (JsonNode p : doc.at("/paths/~1api~1v1~1incidents/get/parameters")) {
            if (p.path("name").asText().equals("sort")) {
                sort = p;
            }
        }
        assertEquals("priority,-openedAt", sort.path("example").asText(), "the example is the most urgent first, newest first");
        assertTrue(sort.path("description").asText().contains("sort=priority lists the most urgent (P1) first"),
                sort.path("description").asText());
    }
}
