package dev.itsm.incident;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.AuthMatrix;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Every operation needs a token (401) and one of its roles (403), from the OpenAPI; docs and health stay open. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class SecurityTest {

    @Test
    void everyOperationRefusesMissingExpiredAndWrongRoleTokensAndAcceptsItsRoles() {
        AuthMatrix.verify();
    }

    @Test
    void healthAndApiDocsAreOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
