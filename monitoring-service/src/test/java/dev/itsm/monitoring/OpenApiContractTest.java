package dev.itsm.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.OpenApiLint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The served OpenAPI document follows docs/API-VOCABULARY.md, as the suite's contract lint checks it. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class OpenApiContractTest {

    @Test
    void theDocumentPassesTheContractLint() throws Exception {
        JsonNode doc = document();
        List<String> findings = OpenApiLint.findings(doc);
        assertTrue(findings.isEmpty(), findings.size() + " finding(s):\n" + String.join("\n", findings));
    }

    @Test
    void everyOperationIdIsPrefixedByTheService() throws Exception {
        JsonNode doc = document();
        StringBuilder wrong = new StringBuilder();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String id = op.getValue().path("operationId").asText("");
            if (path.getKey().startsWith("/api/") && !id.isEmpty() && !id.startsWith("monitoring")) {
                wrong.append(op.getKey().toUpperCase()).append(' ').append(path.getKey()).append(": ").append(id).append('\n');
            }
        }));
        assertTrue(wrong.isEmpty(), "operationIds must start with 'monitoring' (unique across the suite):\n" + wrong);
    }

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }
}
