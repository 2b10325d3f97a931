package dev.itsm.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.AuthMatrix;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every /api operation (read from the service's own OpenAPI, so the intake and rule operations are in it too): 401
 * without or with an expired token, 403 for a role it does not allow — and the roles of each operation are the
 * design's: only event sources (and admins) post alerts, and an event-source token can do nothing else; readers
 * read alerts, groups and rules; agents act on alerts; rule writers are admins and integration admins; admins run
 * the operator API.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class SecurityTest {

    static final String BASE = "/api/v1/monitoring";
    static final Set<String> INTAKE = Set.of(Roles.EVENT_SOURCE, Roles.ADMIN);
    static final Set<String> STAFF_READ = Set.of(Roles.READER, Roles.AGENT, Roles.ADMIN);
    static final Set<String> ALERT_COMMANDS = Set.of(Roles.AGENT, Roles.ADMIN);
    static final Set<String> RULE_READ = Set.of(Roles.READER, Roles.AGENT, Roles.INTEGRATION_ADMIN, Roles.ADMIN);
    static final Set<String> RULE_WRITE = Set.of(Roles.INTEGRATION_ADMIN, Roles.ADMIN);

    /** method + path → the roles the design gives it. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("POST " + BASE + "/alertmanager", INTAKE),
            Map.entry("POST " + BASE + "/events", INTAKE),
            Map.entry("GET " + BASE + "/rules", RULE_READ),
            Map.entry("POST " + BASE + "/rules", RULE_WRITE),
            Map.entry("GET " + BASE + "/rules/{id}", RULE_READ),
            Map.entry("PUT " + BASE + "/rules/{id}", RULE_WRITE),
            Map.entry("PATCH " + BASE + "/rules/{id}", RULE_WRITE),
            Map.entry("DELETE " + BASE + "/rules/{id}", RULE_WRITE),
            Map.entry("GET " + BASE + "/rules/{id}/versions", RULE_READ),
            Map.entry("GET " + BASE + "/alerts", STAFF_READ),
            Map.entry("GET " + BASE + "/alerts/{id}", STAFF_READ),
            Map.entry("POST " + BASE + "/alerts/{id}/acknowledge", ALERT_COMMANDS),
            Map.entry("POST " + BASE + "/alerts/{id}/suppress", ALERT_COMMANDS),
            Map.entry("POST " + BASE + "/alerts/{id}/unsuppress", ALERT_COMMANDS),
            Map.entry("GET " + BASE + "/alert-groups", STAFF_READ),
            Map.entry("GET " + BASE + "/alert-groups/{id}", STAFF_READ),
            Map.entry("GET " + BASE + "/alert-groups/{id}/alerts", STAFF_READ));

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
            Set<String> expected = op.path().startsWith(BASE + "/admin") ? Set.of(Roles.ADMIN) : EXPECTED.get(key);
            if (expected == null) {
                wrong.add(key + " is not in the design's table");
            } else if (!op.roles().equals(expected)) {
                wrong.add(key + " allows " + op.roles() + ", expected " + expected);
            }
        }
        assertTrue(ops.stream().anyMatch(op -> op.path().equals(BASE + "/admin/intake")), "the intake queue's state is in the matrix");
        assertTrue(ops.stream().anyMatch(op -> op.path().startsWith(BASE + "/admin/dead-letters")), "the operator API is in the matrix");
        assertEquals(List.of(), wrong);
    }

    /** An Alertmanager's token is a key to the intake and to nothing else: every other operation is 403. */
    @Test
    void anEventSourceTokenOnlyPostsToTheIntake() {
        assertEquals(List.of(), answersOtherThan403(Roles.EVENT_SOURCE, true), "an itsm-event-source token must be refused outside the intake");
    }

    /** Requesters (the self-service portal's users) have no business with alerts: 403 everywhere, the intake included. */
    @Test
    void aRequesterTokenIsRefusedEverywhere() {
        assertEquals(List.of(), answersOtherThan403(Roles.REQUESTER, false), "an itsm-requester token must be refused");
    }

    private static List<String> answersOtherThan403(String role, boolean exceptIntake) {
        String token = TestTokens.bearer("someone", role);
        List<String> wrong = new ArrayList<>();
        for (AuthMatrix.Operation op : AuthMatrix.operations()) {
            boolean intake = op.method().equals("post")
                    && (op.path().equals(BASE + "/alertmanager") || op.path().equals(BASE + "/events"));
            if (intake && exceptIntake) {
                continue;
            }
            String path = op.path().replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000001");
            var spec = given().header("Authorization", token);
            if (!op.method().equals("get") && !op.method().equals("delete")) {
                spec = spec.contentType(op.contentType()).body("{}");
            }
            Response r = spec.request(op.method().toUpperCase(), path);
            if (r.statusCode() != 403) {
                wrong.add(op + ": " + r.statusCode());
            }
        }
        return wrong;
    }

    @ParameterizedTest
    @CsvSource({ "/q/health", "/q/openapi", "/asyncapi.yaml" })
    void docsAndHealthStayOpen(String path) {
        given().get(path).then().statusCode(200);
    }
}
