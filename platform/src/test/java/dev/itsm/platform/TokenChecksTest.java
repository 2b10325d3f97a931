package dev.itsm.platform;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A service accepts only tokens meant for the suite ({@code aud} = {@code itsm}, by default) and not
 * older than the maximum token age (24 h by default), however long their {@code exp} says they live.
 */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class TokenChecksTest {

    static final long NOW = System.currentTimeMillis() / 1000;

    static void assertRefused(String token) {
        given().header("Authorization", "Bearer " + token).get("/api/v1/tickets")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aTokenForTheSuitesAudienceIsAccepted() {
        given().header("Authorization", "Bearer " + TestTokens.token(TestTokens.AUDIENCE, NOW, NOW + 600, "rita", Roles.READER))
                .get("/api/v1/tickets").then().statusCode(200);
    }

    @Test
    void aTokenWithoutAnAudienceIsRefused() {
        assertRefused(TestTokens.token(null, NOW, NOW + 600, "rita", Roles.READER));
    }

    @Test
    void aTokenForAnotherClientIsRefused() {
        assertRefused(TestTokens.token("some-other-client", NOW, NOW + 600, "rita", Roles.READER));
    }

    @Test
    void aTokenOlderThanTheMaximumAgeIsRefusedEvenIfNotExpired() {
        long issued = NOW - 25 * 3600;
        assertRefused(TestTokens.token(TestTokens.AUDIENCE, issued, NOW + 3600, "rita", Roles.READER));
    }
}
