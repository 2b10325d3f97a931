package dev.itsm.platform;

import static io.restassured.RestAssured.given;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.CachingJwtParser;
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

    @Inject
    CachingJwtParser parser;

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

    @Test
    void anAcceptedTokenIsRememberedNotVerifiedAgain() {
        String token = TestTokens.token(TestTokens.AUDIENCE, NOW, NOW + 600, "remembered-" + System.nanoTime(), Roles.READER);
        given().header("Authorization", "Bearer " + token).get("/api/v1/tickets").then().statusCode(200);
        int remembered = parser.remembered();
        assertTrue(remembered >= 1, "authentication went through the caching parser");
        given().header("Authorization", "Bearer " + token).get("/api/v1/tickets").then().statusCode(200);
        assertEquals(remembered, parser.remembered(), "the second call was served from the map");
    }

    @Test
    void aRememberedTokenWithOneCharacterChangedIsVerifiedAndRefused() {
        String token = TestTokens.token(TestTokens.AUDIENCE, NOW, NOW + 600, "tampered", Roles.READER);
        given().header("Authorization", "Bearer " + token).get("/api/v1/tickets").then().statusCode(200);
        int at = token.length() - 10;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertRefused(tampered);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItOutlivesTheMaximumAge() {
        // issued so that it reaches the maximum age (24 h) two seconds from now, while exp is ten minutes away:
        // a map that kept it until exp would go on accepting it
        long now = System.currentTimeMillis() / 1000;
        String token = TestTokens.token(TestTokens.AUDIENCE, now - 24 * 3600 + 2, now + 600, "ageing", Roles.READER);
        given().header("Authorization", "Bearer " + token).get("/api/v1/tickets").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertRefused(token));
    }
}
