package dev.itsm.change;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every endpoint needs a token (401) and the right role (403). */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class SecurityTest {

    static final String ID = UUID.randomUUID().toString();

    /** method, path, a role that must be refused. */
    record Endpoint(String method, String path, String wrongRole) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        String c = "/api/v1/changes";
        String none = "itsm-catalog-admin"; // a valid role with no business here
        return List.of(
                new Endpoint("POST", c, Roles.READER),
                new Endpoint("GET", c, none),
                new Endpoint("GET", c + "/risk-questions", none),
                new Endpoint("GET", c + "/" + ID, none),
                new Endpoint("PATCH", c + "/" + ID, Roles.READER),
                new Endpoint("POST", c + "/" + ID + "/submit", Roles.READER),
                new Endpoint("POST", c + "/" + ID + "/assess", Roles.READER),
                new Endpoint("POST", c + "/" + ID + "/approve", Roles.READER),
                new Endpoint("POST", c + "/" + ID + "/reject", Roles.READER),
                new Endpoint("POST", c + "/" + ID + "/schedule", Roles.READER),
                new Endpoint("GET", c + "/" + ID + "/conflicts", none),
                new Endpoint("POST", c + "/" + ID + "/start", Roles.READER),
                new Endpoint("POST", c + "/" + ID + "/complete", Roles.READER),
                new Endpoint("POST", c + "/" + ID + "/close", Roles.READER),
                new Endpoint("POST", c + "/" + ID + "/cancel", Roles.READER),
                new Endpoint("GET", c + "/" + ID + "/incidents", none),
                new Endpoint("POST", c + "/" + ID + "/incidents", Roles.READER),
                new Endpoint("DELETE", c + "/" + ID + "/incidents/" + ID, Roles.READER),
                new Endpoint("GET", c + "/calendar", none),
                new Endpoint("GET", c + "/calendar/feed.ics", none),
                new Endpoint("POST", c + "/models", Roles.AGENT),
                new Endpoint("GET", c + "/models", none),
                new Endpoint("GET", c + "/models/" + ID, none),
                new Endpoint("PUT", c + "/models/" + ID, Roles.AGENT),
                new Endpoint("PATCH", c + "/models/" + ID, Roles.AGENT),
                new Endpoint("DELETE", c + "/models/" + ID, Roles.AGENT),
                new Endpoint("POST", c + "/blackout-windows", Roles.AGENT),
                new Endpoint("GET", c + "/blackout-windows", none),
                new Endpoint("GET", c + "/blackout-windows/" + ID, none),
                new Endpoint("PUT", c + "/blackout-windows/" + ID, Roles.AGENT),
                new Endpoint("PATCH", c + "/blackout-windows/" + ID, Roles.AGENT),
                new Endpoint("DELETE", c + "/blackout-windows/" + ID, Roles.AGENT),
                new Endpoint("POST", c + "/maintenance-windows", Roles.AGENT),
                new Endpoint("GET", c + "/maintenance-windows", none),
                new Endpoint("GET", c + "/maintenance-windows/" + ID, none),
                new Endpoint("PUT", c + "/maintenance-windows/" + ID, Roles.AGENT),
                new Endpoint("PATCH", c + "/maintenance-windows/" + ID, Roles.AGENT),
                new Endpoint("DELETE", c + "/maintenance-windows/" + ID, Roles.AGENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutATokenIs401AndWithTheWrongRoleIs403(Endpoint e) {
        given().contentType(ContentType.JSON).body("{}").request(e.method(), e.path())
                .then().statusCode(401).contentType(Api.PROBLEM);
        given().header("Authorization", "Bearer " + TestTokens.expiredToken("rita", Roles.ADMIN))
                .contentType(ContentType.JSON).body("{}").request(e.method(), e.path())
                .then().statusCode(401).contentType(Api.PROBLEM);
        given().header("Authorization", TestTokens.bearer("eve", e.wrongRole())).contentType(ContentType.JSON).body("{}")
                .request(e.method(), e.path())
                .then().statusCode(403).contentType(Api.PROBLEM).body("title", equalTo("Forbidden"));
    }
}
