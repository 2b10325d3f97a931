package dev.itsm.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The generated OpenAPI document: every operation has a summary, a tag, documents its errors as problem+json and has request examples. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class OpenApiTest {

    @Test
    void everyOperationHasASummaryDocumentedErrorsAndRequestExamples() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/webhooks")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "patch", "put", "delete").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                if (o.path("summary").asText().isBlank()) {
                    problems.add(name + ": no summary");
                }
                if (o.path("tags").isEmpty()) {
                    problems.add(name + ": no tag");
                }
                if (!o.path("operationId").asText().startsWith("webhook") && !o.path("operationId").asText().matches("^[a-z]+Webhook.*")) {
                    problems.add(name + ": operationId " + o.path("operationId").asText() + " does not name webhooks (ids are unique across the suite)");
                }
                for (String code : List.of("401", "403")) {
                    JsonNode r = o.path("responses").path(code);
                    if (r.isMissingNode() || r.path("content").path("application/problem+json").isMissingNode()) {
                        problems.add(name + ": " + code + " not documented as application/problem+json");
                    }
                }
                boolean hasError = false;
                Iterator<String> codes = o.path("responses").fieldNames();
                while (codes.hasNext()) {
                    String c = codes.next();
                    if ((c.equals("400") || c.equals("404")) && !o.path("responses").path(c).path("content").path("application/problem+json").isMissingNode()) {
                        hasError = true;
                    }
                }
                if (!hasError) {
                    problems.add(name + ": documents neither 400 nor 404");
                }
                JsonNode body = o.path("requestBody").path("content");
                if (!body.isMissingNode() && !body.toString().contains("\"examples\"") && !body.toString().contains("\"example\"")) {
                    problems.add(name + ": request body without example");
                }
            }
        }
        // subscriptions (8) + event types (1) + admin (4) at least; delivery adds its own
        assertTrue(operations >= 13, "found " + operations + " operations");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertFalse(doc.path("components").path("schemas").path("Problem").isMissingNode());
    }

    @Test
    void noSchemaOtherThanTheCreateAndRotateAnswersCanCarryASecret() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> carriers = new ArrayList<>();
        doc.path("components").path("schemas").fields().forEachRemaining(e -> {
            if (e.getValue().path("properties").has("secret")) {
                carriers.add(e.getKey());
            }
        });
        // SubscriptionView's secret is filled only by create and rotate-secret (null, hence absent, elsewhere)
        assertTrue(List.of("SubscriptionPatch", "SubscriptionRequest", "SubscriptionView").containsAll(carriers), carriers.toString());
    }
}
