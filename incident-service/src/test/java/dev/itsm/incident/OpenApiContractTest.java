package dev.itsm.incident;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.OpenApiLint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The generated OpenAPI documents every operation: a summary, its error responses as problem+json with examples;
 * and it passes the suite's contract lint (docs/API-VOCABULARY.md).
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class OpenApiContractTest {

    @Test
    void everyOperationHasASummaryAndDocumentsItsErrors() throws Exception {
        JsonNode doc = Fixtures.JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                if (o.path("summary").asText("").isBlank()) {
                    problems.add(name + ": no summary");
                }
                if (o.path("tags").isEmpty()) {
                    problems.add(name + ": no tag");
                }
                List<String> errors = new ArrayList<>(List.of("400", "401", "403", "500", "503"));
                if (path.getKey().contains("{id}")) {
                    errors.add("404");
                }
                boolean hasIfMatch = false;
                for (JsonNode p : o.path("parameters")) {
                    hasIfMatch |= p.path("name").asText().equals("If-Match");
                }
                if (hasIfMatch) {
                    errors.add("409");
                    errors.add("412");
                }
                for (String code : errors) {
                    JsonNode problem = o.path("responses").path(code).path("content").path("application/problem+json");
                    if (problem.isMissingNode()) {
                        problems.add(name + ": " + code + " not documented as application/problem+json");
                    } else if (!problem.path("schema").path("$ref").asText().endsWith("/Problem")) {
                        problems.add(name + ": " + code + " does not use the Problem schema");
                    } else if (problem.path("examples").isEmpty() && problem.path("example").isMissingNode()) {
                        problems.add(name + ": " + code + " has no example");
                    }
                }
                if (o.has("requestBody")) {
                    for (JsonNode media : o.path("requestBody").path("content")) {
                        if (media.path("examples").isEmpty() && media.path("example").isMissingNode()) {
                            problems.add(name + ": request body without example");
                        }
                    }
                }
                if (o.path("security").isEmpty() && doc.path("security").isEmpty()) {
                    problems.add(name + ": no security requirement");
                }
            }
        }
        assertTrue(operations >= 17, "found " + operations + " operations");
        // the incident-specific error examples (the platform adds the generic ones)
        assertFalse(problemExample(doc, "/api/v1/incidents/{id}/resume", "post", "409", "illegal-transition").isMissingNode());
        assertFalse(problemExample(doc, "/api/v1/incidents", "post", "422", "service-not-live").isMissingNode());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertNotNull(doc.path("components").path("schemas").get("IncidentView"));
        assertFalse(doc.path("components").path("schemas").path("Problem").isMissingNode());
    }

    @Test
    void theDocumentPassesTheSuiteContractLint() throws Exception {
        JsonNode doc = Fixtures.JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> findings = OpenApiLint.findings(doc);
        assertTrue(findings.isEmpty(), findings.size() + " lint finding(s):\n" + String.join("\n", findings));
    }

    static JsonNode problemExample(JsonNode doc, String path, String method, String status, String name) {
        return doc.path("paths").path(path).path(method).path("responses").path(status).path("content")
                .path("application/problem+json").path("examples").path(name);
    }

    /** Issue #17: the timer's metric is documented as its closed set, not as a plain string (the wire stays text). */
    @Test
    void theSlaTimerMetricIsDocumentedAsTheMetricEnum() throws Exception {
        JsonNode schemas = Fixtures.JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .path("components").path("schemas");
        assertEquals("#/components/schemas/IncidentSlaMetric",
                schemas.path("IncidentSlaTimer").path("properties").path("metric").path("allOf").path(0).path("$ref").asText());
        assertEquals("[\"TIME_TO_RESPOND\",\"TIME_TO_RESOLVE\"]", schemas.path("IncidentSlaMetric").path("enum").toString());
    }
}
