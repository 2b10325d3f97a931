package dev.itsm.webhook.subscription;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.TestTokens;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Helpers for tests that need subscriptions (the delivery tests use them too). */
public final class SubscriptionTestSupport {

    public static final String PROBLEM = "application/problem+json";
    public static final String BASE = "/api/v1/webhooks/subscriptions";
    public static final String WEBHOOK_TOPIC = "itsm.webhook.events";

    private SubscriptionTestSupport() {
    }

    /** A caller with the integration role (the role this service introduces). */
    public static RequestSpecification integrator() {
        return given().header("Authorization", TestTokens.bearer("ida", Roles.INTEGRATION_ADMIN)).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("adam", Roles.ADMIN)).contentType(ContentType.JSON);
    }

    /** A valid create body for {@code targetUrl} (loopback http is allowed in tests) and {@code eventTypes}. */
    public static Map<String, Object> body(String name, String targetUrl, List<String> eventTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("targetUrl", targetUrl);
        body.put("eventTypes", eventTypes);
        return body;
    }

    /** Creates a subscription and returns the create answer's JSON (which holds the secret). */
    public static Map<String, Object> create(Map<String, Object> body) {
        return integrator().body(body).post(BASE).then().statusCode(201).extract().jsonPath().getMap("");
    }

    /** Creates an active subscription to {@code eventTypes} at {@code targetUrl}; returns its id. */
    public static String subscribe(String targetUrl, String... eventTypes) {
        return (String) create(body("test " + System.nanoTime(), targetUrl, List.of(eventTypes))).get("id");
    }

    /** Creates a subscription, walks it through every change and returns its events from the topic, in order. */
    public static List<Received> lifeOfASubscription() {
        Map<String, Object> created = create(body("Evented", "https://127.0.0.1:8443/hook?token=s3cret", List.of("dev.itsm.incident.*")));
        String id = (String) created.get("id");
        integrator().contentType("application/merge-patch+json").body("{\"subjects\":[\"inc-1\"]}").patch(BASE + "/" + id).then().statusCode(200);
        integrator().post(BASE + "/" + id + "/pause").then().statusCode(200);
        integrator().post(BASE + "/" + id + "/resume").then().statusCode(200);
        integrator().post(BASE + "/" + id + "/rotate-secret").then().statusCode(200);
        integrator().delete(BASE + "/" + id).then().statusCode(204);
        return TopicReader.await(WEBHOOK_TOPIC, 6, Duration.ofSeconds(30), r -> id.equals(r.key()));
    }

}
