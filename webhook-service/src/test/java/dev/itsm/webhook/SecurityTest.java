package dev.itsm.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.AuthMatrix;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Every /api operation (read from the service's own OpenAPI): 401 without or with an expired token, 403 for a role it does not allow. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class SecurityTest {

    /** Who may manage webhooks: the new integration role and the suite admin, nobody else (not even a reader: targets and filters are sensitive). */
    static final Set<String> WEBHOOK_ROLES = Set.of(Roles.INTEGRATION_ADMIN, Roles.ADMIN);

    @Test
    void everyOperationHonoursItsRoles() {
        AuthMatrix.verify();
    }

    @Test
    void webhookOperationsAreForTheIntegrationAdminAndTheAdminOnly() {
        List<String> wrong = new ArrayList<>();
        List<AuthMatrix.Operation> ops = AuthMatrix.operations();
        for (AuthMatrix.Operation op : ops) {
            Set<String> expected = op.path().startsWith("/api/v1/webhooks/admin") ? Set.of(Roles.ADMIN) : WEBHOOK_ROLES;
            if (!op.roles().equals(expected)) {
                wrong.add(op + " allows " + op.roles() + ", expected " + expected);
            }
        }
        assertTrue(ops.stream().anyMatch(op -> op.path().equals("/api/v1/webhooks/subscriptions")), "subscriptions are in the matrix");
        assertEquals(List.of(), wrong);
    }

    @ParameterizedTest
    @CsvSource({ "/q/health", "/q/openapi", "/asyncapi.yaml" })
    void docsAndHealthStayOpen(String path) {
        given().get(path).then().statusCode(200);
    }
}
