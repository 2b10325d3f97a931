package dev.itsm.testing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The authorisation matrix of a running service, generated from its own OpenAPI document: every
 * {@code /api} operation × (no token, an expired token, each role it does not allow, each role it
 * allows). The roles an operation allows are the ones Quarkus writes into its security requirement
 * from {@code @RolesAllowed}, so a new endpoint is checked the day it is added, and an endpoint
 * without a role requirement fails the matrix.
 */
public final class AuthMatrix {

    /** A role no operation allows: its token must be refused everywhere. */
    public static final String NO_SUCH_ROLE = "itsm-nobody";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String JSON_BODY = "application/json";

    /**
     * An operation, with the content type its request body is sent as: the first its OpenAPI
     * {@code requestBody.content} declares ({@code text/calendar} for an iCalendar import), JSON when
     * it declares none, so a cell is judged on roles and not on a 415.
     */
    public record Operation(String method, String path, Set<String> roles, String contentType) {

        public Operation(String method, String path, Set<String> roles) {
            this(method, path, roles, JSON_BODY);
        }

        /** The path with every template variable filled with a fresh UUID. */
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private AuthMatrix() {
    }

    /** The {@code /api} operations of the service under test (RestAssured's base URI and port). */
    public static List<Operation> operations() {
        JsonNode doc;
        try {
            doc = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        } catch (Exception e) {
            throw new IllegalStateException("the service's OpenAPI document cannot be read", e);
        }
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (!p.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.getValue().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> op = it.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                Set<String> roles = new TreeSet<>();
                for (JsonNode requirement : op.getValue().path("security")) {
                    requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText())));
                }
                ops.add(new Operation(op.getKey(), p.getKey(), roles, bodyContentType(op.getValue())));
            }
        }
        return ops;
    }

    private static String bodyContentType(JsonNode operation) {
        Iterator<String> declared = operation.path("requestBody").path("content").fieldNames();
        return declared.hasNext() ? declared.next() : JSON_BODY;
    }

    /** Runs the whole matrix and fails listing every cell that answered wrongly. */
    public static void verify() {
        List<Operation> ops = operations();
        if (ops.isEmpty()) {
            throw new AssertionError("the OpenAPI document lists no /api operation");
        }
        Set<String> allRoles = new TreeSet<>();
        ops.forEach(op -> allRoles.addAll(op.roles()));
        allRoles.add(NO_SUCH_ROLE);
        List<String> failures = new ArrayList<>();
        for (Operation op : ops) {
            if (op.roles().isEmpty()) {
                failures.add(op + " declares no role (no @RolesAllowed): every API operation must");
                continue;
            }
            expect(failures, op, "no token", call(given(), op), 401);
            expect(failures, op, "expired token",
                    call(given().header("Authorization", "Bearer " + TestTokens.expiredToken("eve", op.roles().iterator().next())), op), 401);
            for (String role : allRoles) {
                Response r = call(given().header("Authorization", TestTokens.bearer("matrix", role)), op);
                if (op.roles().contains(role)) {
                    if (r.statusCode() == 401 || r.statusCode() == 403) {
                        failures.add(op + " as " + role + ": " + r.statusCode() + ", but the role is allowed");
                    }
                } else {
                    expect(failures, op, "as " + role, r, 403);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " cells of the auth matrix are wrong:\n" + String.join("\n", failures));
        }
    }

    private static Response call(RequestSpecification spec, Operation op) {
        RequestSpecification s = spec;
        if (!op.method().equals("get") && !op.method().equals("delete")) {
            s = s.contentType(op.contentType()).body("{}");
        }
        return s.request(op.method().toUpperCase(), op.concretePath());
    }

    private static void expect(List<String> failures, Operation op, String who, Response r, int status) {
        if (r.statusCode() != status) {
            failures.add(op + " " + who + ": expected " + status + ", got " + r.statusCode());
        } else if (!String.valueOf(r.contentType()).startsWith("application/problem+json")) {
            failures.add(op + " " + who + ": " + status + " without a problem+json body");
        }
    }
}
