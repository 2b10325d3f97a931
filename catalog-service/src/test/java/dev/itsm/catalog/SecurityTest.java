package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.AuthMatrix;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every endpoint needs a token (401) and the right role (403): reads are open to every ITSM role, writes to catalogue
 * admins; a requester (itsm-requester) reads the offerings and their request forms (what they can order), nothing else.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class SecurityTest {

    @Test
    void everyOperationNeedsATokenAndOneOfItsRoles() {
        AuthMatrix.verify();
    }

    @Test
    void readsAreOpenToEveryItsmRoleOfferingsToRequestersAndWritesOnlyToCatalogAdmins() {
        Set<String> readers = Set.of(Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN);
        Set<String> writers = Set.of(Roles.CATALOG_ADMIN, Roles.ADMIN);
        Set<String> requesterReads = Set.of(BASE + "/offerings", BASE + "/offerings/{id}", BASE + "/offerings/{id}/form");
        Set<String> readersAndRequesters = new java.util.HashSet<>(readers);
        readersAndRequesters.add(Roles.REQUESTER);
        List<String> wrong = new ArrayList<>();
        for (AuthMatrix.Operation op : AuthMatrix.operations()) {
            if (op.path().startsWith(BASE + "/admin/")) {
                continue; // the platform's operator API, itsm-admin only (CatalogAdminTest)
            }
            boolean read = op.method().equals("get");
            Set<String> expected = read && requesterReads.contains(op.path()) ? readersAndRequesters : read ? readers : writers;
            if (!op.roles().equals(expected)) {
                wrong.add(op + " allows " + op.roles());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void aBadlySignedTokenIs401AndAnAdminMayWrite() {
        given().header("Authorization", "Bearer not.a.token").get(BASE + "/cis").then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", TestTokens.bearer("root", Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("name", "by-admin", "ciClass", "server", "environment", "test"))
                .post(BASE + "/cis").then().statusCode(201);
    }

    @Test
    void healthAndApiDocsStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
