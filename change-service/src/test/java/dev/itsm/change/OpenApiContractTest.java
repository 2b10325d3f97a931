package dev.itsm.change;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.OpenApiLint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every change-service operation has a summary, documents 401/403 and its other error codes as
 * problem+json, and the document follows docs/API-VOCABULARY.md (the test kit's {@link OpenApiLint}).
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class OpenApiContractTest {

    @Test
    void theDocumentFollowsTheApiVocabulary() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> findings = OpenApiLint.findings(doc);
        assertTrue(findings.isEmpty(), findings.size() + " lint finding(s):\n" + String.join("\n", findings));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsSummarisedAndDocumentsItsErrorsAsProblems() {
        Map<String, Object> doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/v1/changes")) {
                continue; // open platform endpoints (e.g. /asyncapi.yaml) are documented by the platform
            }
            for (var op : path.getValue().entrySet()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = (Map<String, Object>) op.getValue();
                if (!(operation.get("summary") instanceof String s) || s.isBlank()) {
                    problems.add(name + ": no summary");
                }
                if (operation.get("tags") == null) {
                    problems.add(name + ": no tag");
                }
                Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                for (String code : List.of("401", "403")) {
                    if (responses == null || !responses.containsKey(code)) {
                        problems.add(name + ": " + code + " not documented");
                    }
                }
                for (var r : responses.entrySet()) {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) r.getValue()).get("content");
                        if (content == null || !content.containsKey("application/problem+json")) {
                            problems.add(name + ": " + r.getKey() + " not documented as application/problem+json");
                        }
                    }
                }
                if (List.of("post", "put", "patch").contains(op.getKey()) && operation.get("requestBody") instanceof Map<?, ?> body) {
                    String text = body.toString();
                    if (!text.contains("example")) {
                        problems.add(name + ": request body without example");
                    }
                }
            }
        }
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        assertTrue(schemas.containsKey("Problem"), "the Problem schema the error responses refer to");
        assertTrue(operations >= 35, "expected every change-service operation, found " + operations);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Issue #17: a linked incident's relation is documented as the relation enum, not as a plain string. */
    @Test
    void theIncidentLinkRelationIsDocumentedAsTheRelationEnum() throws Exception {
        JsonNode link = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .path("components").path("schemas").path("IncidentLinkView").path("properties");
        assertEquals("#/components/schemas/IncidentLinkRelation", link.path("relation").path("allOf").path(0).path("$ref").asText());
        assertEquals("[\"P1\",\"P2\",\"P3\",\"P4\",\"P5\"]", link.path("priority").path("enum").toString());
        assertEquals("[\"NEW\",\"IN_PROGRESS\",\"ON_HOLD\",\"RESOLVED\",\"CLOSED\",\"CANCELED\"]",
                link.path("state").path("enum").toString());
    }
}
