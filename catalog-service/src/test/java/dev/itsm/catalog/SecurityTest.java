package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every endpoint needs a token (401) and the right role (403); reads are open to every ITSM role. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class SecurityTest {

    record Call(String method, String path) {
    }

    static final String ID = UUID.randomUUID().toString();

    static final List<Call> READS = List.of(
            new Call("GET", "/services"), new Call("GET", "/services/" + ID), new Call("GET", "/services/" + ID + "/users"),
            new Call("GET", "/products"), new Call("GET", "/products/" + ID),
            new Call("GET", "/offerings"), new Call("GET", "/offerings/" + ID),
            new Call("GET", "/cis"), new Call("GET", "/cis/" + ID), new Call("GET", "/cis/" + ID + "/relations"),
            new Call("GET", "/cis/" + ID + "/impact"));

    static final List<Call> WRITES = List.of(
            new Call("POST", "/services"), new Call("PATCH", "/services/" + ID),
            new Call("POST", "/services/" + ID + "/go-live"), new Call("POST", "/services/" + ID + "/retire"),
            new Call("POST", "/products"), new Call("PATCH", "/products/" + ID), new Call("DELETE", "/products/" + ID),
            new Call("POST", "/offerings"), new Call("PATCH", "/offerings/" + ID),
            new Call("POST", "/offerings/" + ID + "/publish"), new Call("POST", "/offerings/" + ID + "/withdraw"),
            new Call("POST", "/cis"), new Call("PATCH", "/cis/" + ID), new Call("DELETE", "/cis/" + ID),
            new Call("POST", "/cis/" + ID + "/relations"), new Call("DELETE", "/cis/" + ID + "/relations/" + ID));

    @Test
    void withoutATokenEveryEndpointIs401() {
        for (Call c : concat()) {
            given().contentType(ContentType.JSON).body("{}").request(c.method(), BASE + c.path())
                    .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", containsString("Bearer"));
        }
        given().header("Authorization", "Bearer " + TestTokens.expiredToken("old", Roles.ADMIN))
                .get(BASE + "/services").then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer not.a.token").get(BASE + "/cis").then().statusCode(401);
    }

    @Test
    void writesNeedTheCatalogAdminRole() {
        for (String role : List.of(Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.SLA_ADMIN)) {
            for (Call c : WRITES) {
                given().header("Authorization", TestTokens.bearer("eve", role)).contentType(ContentType.JSON).body("{}")
                        .request(c.method(), BASE + c.path())
                        .then().statusCode(403).contentType(PROBLEM).body("title", equalTo("Forbidden"));
            }
        }
        given().header("Authorization", TestTokens.bearer("root", Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("name", "by-admin", "ciClass", "server", "environment", "test"))
                .post(BASE + "/cis").then().statusCode(201);
    }

    @Test
    void readsAreOpenToEveryItsmRoleButNotToTokensWithoutOne() {
        for (String role : List.of(Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN)) {
            for (Call c : READS) {
                int status = given().header("Authorization", TestTokens.bearer("r", role)).request(c.method(), BASE + c.path())
                        .then().extract().statusCode();
                if (status != 200 && status != 404) {
                    throw new AssertionError(role + " " + c + " got " + status);
                }
            }
        }
        given().header("Authorization", TestTokens.bearer("nobody", "some-other-role")).get(BASE + "/services")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void healthAndApiDocsStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static List<Call> concat() {
        java.util.ArrayList<Call> all = new java.util.ArrayList<>(READS);
        all.addAll(WRITES);
        return all;
    }
}
