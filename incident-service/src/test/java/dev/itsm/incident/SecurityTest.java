package dev.itsm.incident;

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
import io.restassured.specification.RequestSpecification;

/** Every endpoint needs a token (401) and one of its roles (403); docs and health stay open. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class SecurityTest {

    record Endpoint(String method, String path, boolean write) {
    }

    static List<Endpoint> endpoints(String id) {
        String base = "/api/v1/incidents";
        return List.of(
                new Endpoint("POST", base, true),
                new Endpoint("GET", base, false),
                new Endpoint("GET", base + "/summary", false),
                new Endpoint("GET", base + "/" + id, false),
                new Endpoint("PATCH", base + "/" + id, true),
                new Endpoint("POST", base + "/" + id + "/acknowledge", true),
                new Endpoint("POST", base + "/" + id + "/assign", true),
                new Endpoint("POST", base + "/" + id + "/hold", true),
                new Endpoint("POST", base + "/" + id + "/resume", true),
                new Endpoint("POST", base + "/" + id + "/resolve", true),
                new Endpoint("POST", base + "/" + id + "/reopen", true),
                new Endpoint("POST", base + "/" + id + "/close", true),
                new Endpoint("POST", base + "/" + id + "/cancel", true),
                new Endpoint("POST", base + "/" + id + "/declare-major", true),
                new Endpoint("POST", base + "/" + id + "/notes", true),
                new Endpoint("GET", base + "/" + id + "/notes", false),
                new Endpoint("GET", base + "/" + id + "/notes/" + UUID.randomUUID(), false),
                new Endpoint("GET", base + "/" + id + "/history", false));
    }

    static io.restassured.response.Response call(RequestSpecification spec, Endpoint e) {
        return spec.contentType(ContentType.JSON).body(Map.of()).request(e.method(), e.path());
    }

    @Test
    void withoutAValidTokenEveryEndpointIs401() {
        String id = Fixtures.open();
        for (Endpoint e : endpoints(id)) {
            call(given(), e).then().statusCode(401).contentType(Fixtures.PROBLEM)
                    .header("WWW-Authenticate", containsString("Bearer"));
            call(given().header("Authorization", "Bearer " + TestTokens.expiredToken("alice", Roles.ADMIN)), e)
                    .then().statusCode(401);
        }
    }

    @Test
    void aReaderCannotWriteAndARoleFromAnotherPracticeCannotEvenRead() {
        String id = Fixtures.open();
        for (Endpoint e : endpoints(id)) {
            if (e.write()) {
                call(given().header("Authorization", TestTokens.bearer("rita", Roles.READER)), e)
                        .then().statusCode(403).contentType(Fixtures.PROBLEM).body("title", equalTo("Forbidden"));
            }
            call(given().header("Authorization", TestTokens.bearer("cathy", Roles.CATALOG_ADMIN)), e)
                    .then().statusCode(403).contentType(Fixtures.PROBLEM);
        }
        // and the roles that may, can
        Fixtures.reader().get("/api/v1/incidents/" + id).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("root", Roles.ADMIN)).post("/api/v1/incidents/" + id + "/acknowledge")
                .then().statusCode(200);
    }

    @Test
    void healthAndApiDocsAreOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
