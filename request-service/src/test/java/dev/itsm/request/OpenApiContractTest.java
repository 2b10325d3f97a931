package dev.itsm.request;

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
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class OpenApiContractTest {

    @Test
    void theDocumentPassesTheContractLint() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> findings = OpenApiLint.findings(doc);
        assertTrue(findings.isEmpty(), findings.size() + " finding(s):\n" + String.join("\n", findings));
    }
}
