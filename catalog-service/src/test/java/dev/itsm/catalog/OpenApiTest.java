package dev.itsm.catalog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The generated OpenAPI document describes every operation: summary, tag, error responses as problem+json, examples. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class OpenApiTest {

    @Test
    void everyOperationHasASummaryATagAndDocumentedProblemResponses() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (var path = doc.get("paths").fields(); path.hasNext();) {
            Map.Entry<String, JsonNode> p = path.next();
            if (!p.getKey().startsWith("/api/v1/catalog")) {
                continue;
            }
            for (var op = p.getValue().fields(); op.hasNext();) {
                Map.Entry<String, JsonNode> o = op.next();
                if (!Set.of("get", "post", "patch", "put", "delete").contains(o.getKey())) {
                    continue;
                }
                operations++;
                String where = o.getKey().toUpperCase() + " " + p.getKey();
                JsonNode operation = o.getValue();
                if (operation.path("summary").asText().isBlank()) {
                    problems.add(where + ": no summary");
                }
                if (!operation.path("tags").isArray() || operation.path("tags").isEmpty()) {
                    problems.add(where + ": no tag");
                }
                JsonNode responses = operation.path("responses");
                for (String code : List.of("401", "403")) {
                    if (!responses.has(code)) {
                        problems.add(where + ": " + code + " not documented");
                    }
                }
                boolean hasOwnError = false;
                for (var r = responses.fields(); r.hasNext();) {
                    Map.Entry<String, JsonNode> resp = r.next();
                    if (resp.getKey().startsWith("4") || resp.getKey().startsWith("5")) {
                        hasOwnError |= !Set.of("401", "403", "500").contains(resp.getKey());
                        if (!resp.getValue().path("content").has("application/problem+json")) {
                            problems.add(where + " " + resp.getKey() + ": not application/problem+json");
                        }
                    }
                }
                if (!hasOwnError) {
                    problems.add(where + ": documents no operation-specific error (400/404/409/412/422)");
                }
                JsonNode body = operation.path("requestBody").path("content");
                if (!body.isMissingNode() && !o.getKey().equals("get")) {
                    boolean example = false;
                    for (var m = body.elements(); m.hasNext();) {
                        JsonNode media = m.next();
                        example |= media.has("examples") || media.has("example");
                    }
                    if (!example) {
                        problems.add(where + ": request body without example");
                    }
                }
            }
        }
        assertEquals(27 + 4, operations, "catalog operations in the document (27 of the catalogue, 4 of the platform's admin API)");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(doc.at("/components/schemas/Problem").isObject());
        assertFalse(doc.at("/components/securitySchemes/bearer").isMissingNode());
    }
}
