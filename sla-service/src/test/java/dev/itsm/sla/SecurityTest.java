package dev.itsm.sla;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.itsm.testing.AuthMatrix;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Every /api operation (read from the service's own OpenAPI): 401 without or with an expired token, 403 for a role it does not allow. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class SecurityTest {

    @Test
    void everyOperationHonoursItsRoles() {
        // the matrix sends each body as its operation declares (text/calendar for the holiday import)
        AuthMatrix.verify();
    }

    @ParameterizedTest
    @CsvSource({ "/q/health", "/q/openapi" })
    void docsAndHealthStayOpen(String path) {
        given().get(path).then().statusCode(200);
    }
}
