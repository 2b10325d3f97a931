package dev.itsm.change;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The platform's operator API under /api/v1/changes/admin: parked outbox events and dead letters of the consumed topics, itsm-admin only. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ChangeAdminTest {

    static final String ADMIN = "/api/v1/changes/admin";

    static String admin() {
        return TestTokens.bearer("olga", Roles.ADMIN);
    }

    @Test
    void parkedEventsAndTheDeadLettersOfTheConsumedTopicsAreThere() {
        given().header("Authorization", admin()).get(ADMIN + "/outbox/parked").then().statusCode(200).body("$", empty());
        given().header("Authorization", admin()).contentType(ContentType.JSON).body("{}")
                .post(ADMIN + "/outbox/parked/redrive").then().statusCode(200).body("redriven", equalTo(0));
        given().header("Authorization", admin()).get(ADMIN + "/dead-letters?topic=itsm.catalog.events").then().statusCode(200);
        given().header("Authorization", admin()).get(ADMIN + "/dead-letters?topic=itsm.incident.events").then().statusCode(200);
        // change-service does not consume its own topic: nothing of it to list or replay
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("topic", "itsm.change.events"))
                .post(ADMIN + "/dead-letters/replay").then().statusCode(400).body("errors[0].field", equalTo("topic"));
    }

    @Test
    void onlyAnAdminMayUseIt() {
        given().get(ADMIN + "/outbox/parked").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("max", Roles.CHANGE_MANAGER)).get(ADMIN + "/outbox/parked")
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT)).contentType(ContentType.JSON)
                .body(Map.of("topic", "itsm.catalog.events")).post(ADMIN + "/dead-letters/replay").then().statusCode(403);
    }
}
