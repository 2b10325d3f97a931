package dev.itsm.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The per-client budget, with a tiny one (3 requests an hour) so it runs out at once. */
@QuarkusTest
@TestProfile(RateLimitTest.TinyBudget.class)
@QuarkusTestResource(FakeServices.class)
class RateLimitTest {

    public static class TinyBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.capacity", "3", "gateway.rate-limit.period", "1h");
        }
    }

    @Test
    void aClientOverItsBudgetGets429WithRetryAfterWhileOthersGoOn() {
        String greedy = Tokens.bearer("greedy", "itsm-reader");
        for (int remaining = 2; remaining >= 0; remaining--) {
            given().header("Authorization", greedy)
                    .when().get("/api/v1/incidents")
                    .then().statusCode(200)
                    .header("X-RateLimit-Limit", "3")
                    .header("X-RateLimit-Remaining", String.valueOf(remaining))
                    .header("X-RateLimit-Reset", notNullValue());
        }
        String retryAfter = given().header("Authorization", greedy)
                .when().get("/api/v1/incidents")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("X-RateLimit-Limit", "3")
                .header("X-RateLimit-Remaining", "0")
                .body("type", equalTo("https://itsm.dev/problems/too-many-requests"))
                .body("status", equalTo(429))
                .extract().header("Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 0 && seconds <= 3600, "Retry-After " + seconds);

        // the budget is per token subject: a new token for the same subject does not help ...
        given().header("Authorization", Tokens.bearer("greedy", "itsm-admin"))
                .when().get("/api/v1/changes")
                .then().statusCode(429);
        // ... but another subject has its own
        given().header("Authorization", Tokens.bearer("modest", "itsm-reader"))
                .when().get("/api/v1/changes")
                .then().statusCode(200)
                .header("X-RateLimit-Remaining", "2");
    }
}
