package dev.itsm.sla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Every endpoint: 401 without (or with an expired) token, 403 with a role that may not use it. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class SecurityTest {

    static final String ID = UUID.randomUUID().toString();

    @ParameterizedTest(name = "{0} {1} needs a token; {2} is not enough")
    @CsvSource({
            "POST, /api/v1/sla/calendars, " + Roles.AGENT + ",",
            "GET, /api/v1/sla/calendars, " + Roles.CHANGE_MANAGER + ",",
            "GET, /api/v1/sla/calendars/{id}, " + Roles.CATALOG_ADMIN + ",",
            "PATCH, /api/v1/sla/calendars/{id}, " + Roles.READER + ",",
            "POST, /api/v1/sla/calendars/{id}/holidays/import, " + Roles.AGENT + ", text/calendar",
            "POST, /api/v1/sla/agreements, " + Roles.AGENT + ",",
            "GET, /api/v1/sla/agreements, " + Roles.CHANGE_MANAGER + ",",
            "GET, /api/v1/sla/agreements/{id}, " + Roles.CATALOG_ADMIN + ",",
            "GET, /api/v1/sla/agreements/{id}/revisions/1, " + Roles.CATALOG_ADMIN + ",",
            "PATCH, /api/v1/sla/agreements/{id}, " + Roles.AGENT + ",",
            "POST, /api/v1/sla/agreements/{id}/retire, " + Roles.READER + ",",
            "POST, /api/v1/sla/agreements/{id}/activate, " + Roles.AGENT + ",",
            "GET, /api/v1/sla/timers, " + Roles.CHANGE_MANAGER + ",",
            "GET, /api/v1/sla/timers/{id}, " + Roles.CATALOG_ADMIN + ",",
            "GET, /api/v1/sla/reports/compliance, " + Roles.CHANGE_MANAGER + "," })
    void protectedEndpoint(String method, String path, String wrongRole, String contentType) {
        String url = path.replace("{id}", ID);
        String type = contentType == null ? "application/json" : contentType;
        given().contentType(type).body("{}").request(method, url)
                .then().statusCode(401).contentType(SlaTestSupport.PROBLEM).body("status", equalTo(401));
        given().header("Authorization", "Bearer " + TestTokens.expiredToken("old", Roles.ADMIN)).contentType(type)
                .body("{}").request(method, url).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("eve", wrongRole)).contentType(type).body("{}")
                .request(method, url).then().statusCode(403).contentType(SlaTestSupport.PROBLEM).body("status", equalTo(403));
    }

    @ParameterizedTest
    @CsvSource({ "/q/health", "/q/openapi" })
    void docsAndHealthStayOpen(String path) {
        given().get(path).then().statusCode(200);
    }
}
