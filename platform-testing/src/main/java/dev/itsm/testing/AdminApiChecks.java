package dev.itsm.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/**
 * The platform's operator API as a service exposes it under {@code <base>/admin}, checked the same
 * way in every service: nothing parked on a quiet outbox, a re-drive of nothing re-drives nothing,
 * the dead letters of each consumed topic can be listed, and a topic the service does not consume
 * cannot be replayed (400 naming {@code topic}). Who may call it is the auth matrix's job.
 */
public final class AdminApiChecks {

    private AdminApiChecks() {
    }

    public static void verify(String adminPath, List<String> consumedTopics, String notConsumedTopic) {
        String admin = TestTokens.bearer("olga", "itsm-admin");
        given().header("Authorization", admin).get(adminPath + "/outbox/parked").then().statusCode(200).body("$", empty());
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{}")
                .post(adminPath + "/outbox/parked/redrive").then().statusCode(200).body("redriven", equalTo(0));
        for (String topic : consumedTopics) {
            given().header("Authorization", admin).get(adminPath + "/dead-letters?topic=" + topic).then().statusCode(200);
        }
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("topic", notConsumedTopic))
                .post(adminPath + "/dead-letters/replay").then().statusCode(400).body("errors[0].field", equalTo("topic"));
    }
}
