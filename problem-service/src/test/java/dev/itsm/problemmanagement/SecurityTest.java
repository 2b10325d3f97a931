package dev.itsm.problemmanagement;

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

/**
 * Every /api operation (read from the service's own OpenAPI): 401 without or with an expired token, 403
 * for a role it does not allow — and the roles of each operation are the issue's: readers read; agents
 * log, edit, start the analysis, link, and accept or dismiss candidates; root cause, known error, fix,
 * resolution, reopening, closure and cancelation are the problem manager's; the admin may do everything.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class SecurityTest {

    static final Set<String> READ = Set.of(Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN);
    static final Set<String> AGENT_WRITE = Set.of(Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN);
    static final Set<String> MANAGER_WRITE = Set.of(Roles.PROBLEM_MANAGER, Roles.ADMIN);
    static final Set<String> MANAGER_COMMANDS = Set.of("record-root-cause", "publish-known-error", "propose-fix", "resolve",
            "reopen", "close", "cancel");

    @Test
    void everyOperationHonoursItsRoles() {
        AuthMatrix.verify();
    }

    @Test
    void eachOperationAllowsTheRolesOfTheIssue() {
        List<String> wrong = new ArrayList<>();
        List<AuthMatrix.Operation> ops = AuthMatrix.operations();
        for (AuthMatrix.Operation op : ops) {
            Set<String> expected;
            if (op.path().startsWith("/api/v1/problems/admin")) {
                expected = Set.of(Roles.ADMIN);
            } else if (op.method().equalsIgnoreCase("get")) {
                expected = READ;
            } else if (MANAGER_COMMANDS.contains(op.path().substring(op.path().lastIndexOf('/') + 1))) {
                expected = MANAGER_WRITE;
            } else {
                expected = AGENT_WRITE;
            }
            if (!op.roles().equals(expected)) {
                wrong.add(op + " allows " + op.roles() + ", expected " + expected);
            }
        }
        assertTrue(ops.stream().anyMatch(op -> op.path().equals("/api/v1/problems/{id}/record-root-cause")), "commands are in the matrix");
        assertTrue(ops.stream().anyMatch(op -> op.path().equals("/api/v1/problems/known-errors")), "known errors are in the matrix");
        assertEquals(List.of(), wrong);
    }

    @ParameterizedTest
    @CsvSource({ "/q/health", "/q/openapi", "/asyncapi.yaml" })
    void docsAndHealthStayOpen(String path) {
        given().get(path).then().statusCode(200);
    }
}
