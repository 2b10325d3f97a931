package dev.itsm.catalog;

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

/** The catalogue's OpenAPI document keeps every rule of docs/API-VOCABULARY.md that the contract lint checks. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class OpenApiContractTest {

    @Test
    void theDocumentPassesTheContractLint() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> findings = OpenApiLint.findings(doc);
        assertTrue(findings.isEmpty(), findings.size() + " finding(s):\n" + String.join("\n", findings));
    }
}
