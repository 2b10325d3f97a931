package dev.itsm.request;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.AuthMatrix;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every /api operation (read from the service's own OpenAPI): 401 without or with an expired token, 403 for a
 * role it does not allow — and the roles of each operation are the design's: reading a request and deciding on
 * it is open to every role (approvers may have any role; the object-level check narrows it), requesters order
 * and act for themselves, agents and admins fulfil, readers read the queues, admins run the operator API.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class SecurityTest {

    static final Set<String> EVERY_ROLE = Set.of(Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN,
            Roles.SLA_ADMIN, Roles.INTEGRATION_ADMIN, Roles.PROBLEM_MANAGER, Roles.REQUESTER, Roles.ADMIN);
    static final Set<String> REQUESTER_SIDE = Set.of(Roles.REQUESTER, Roles.AGENT, Roles.ADMIN);
    static final Set<String> FULFILMENT = Set.of(Roles.AGENT, Roles.ADMIN);
    static final Set<String> STAFF_READ = Set.of(Roles.READER, Roles.AGENT, Roles.ADMIN);

    /** method + path → the roles the design gives it. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("POST /api/v1/requests", REQUESTER_SIDE),
            Map.entry("GET /api/v1/requests", EVERY_ROLE),
            Map.entry("GET /api/v1/requests/{id}", EVERY_ROLE),
            Map.entry("GET /api/v1/requests/{id}/history", EVERY_ROLE),
            Map.entry("POST /api/v1/requests/{id}/approve", EVERY_ROLE),
            Map.entry("POST /api/v1/requests/{id}/reject", EVERY_ROLE),
            Map.entry("POST /api/v1/requests/{id}/request-info", FULFILMENT),
            Map.entry("POST /api/v1/requests/{id}/provide-info", REQUESTER_SIDE),
            Map.entry("POST /api/v1/requests/{id}/cancel", REQUESTER_SIDE),
            Map.entry("POST /api/v1/requests/{id}/close", REQUESTER_SIDE),
            Map.entry("GET /api/v1/requests/{id}/grants", Set.of(Roles.READER, Roles.AGENT, Roles.REQUESTER, Roles.ADMIN)),
            Map.entry("POST /api/v1/requests/{id}/grants/{grantId}/revoke", FULFILMENT),
            Map.entry("GET /api/v1/requests/tasks", STAFF_READ),
            Map.entry("GET /api/v1/requests/tasks/{taskId}", STAFF_READ),
            Map.entry("POST /api/v1/requests/tasks/{taskId}/start", FULFILMENT),
            Map.entry("POST /api/v1/requests/tasks/{taskId}/complete", FULFILMENT),
            Map.entry("POST /api/v1/requests/tasks/{taskId}/fail", FULFILMENT),
            Map.entry("POST /api/v1/requests/tasks/{taskId}/retry", FULFILMENT),
            Map.entry("GET /api/v1/requests/grants", STAFF_READ));

    @Test
    void everyOperationHonoursItsRoles() {
        AuthMatrix.verify();
    }

    @Test
    void eachOperationAllowsTheRolesOfTheDesign() {
        List<String> wrong = new ArrayList<>();
        List<AuthMatrix.Operation> ops = AuthMatrix.operations();
        for (AuthMatrix.Operation op : ops) {
            String key = op.method().toUpperCase() + " " + op.path();
            Set<String> expected = op.path().startsWith("/api/v1/requests/admin") ? Set.of(Roles.ADMIN) : EXPECTED.get(key);
            if (expected == null) {
                wrong.add(key + " is not in the design's table");
            } else if (!op.roles().equals(expected)) {
                wrong.add(key + " allows " + op.roles() + ", expected " + expected);
            }
        }
        assertTrue(ops.stream().anyMatch(op -> op.path().equals("/api/v1/requests/tasks/{taskId}/complete")), "task commands are in the matrix");
        assertTrue(ops.stream().anyMatch(op -> op.path().startsWith("/api/v1/requests/admin")), "the operator API is in the matrix");
        assertEquals(List.of(), wrong);
    }

    @ParameterizedTest
    @CsvSource({ "/q/health", "/q/openapi", "/asyncapi.yaml" })
    void docsAndHealthStayOpen(String path) {
        given().get(path).then().statusCode(200);
    }
}
