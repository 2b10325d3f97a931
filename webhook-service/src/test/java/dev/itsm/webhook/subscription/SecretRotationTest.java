package dev.itsm.webhook.subscription;

import static dev.itsm.webhook.subscription.SubscriptionTestSupport.BASE;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.body;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.create;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.integrator;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** rotate-secret: the new secret is answered once; the old one keeps signing during the overlap, then stops. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class SecretRotationTest {

    static final TestClock CLOCK = TestClock.INSTANCE;

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    static List<String> signingSecrets(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscription s = Subscription.findById(UUID.fromString(id));
            return s.signingSecrets(CLOCK.instant());
        });
    }

    /** The overlap ends {@code overlap} after the rotation, which happened between {@code before} and now. */
    static void assertValidUntil(String validUntil, Instant before, Duration overlap) {
        Instant until = Instant.parse(validUntil);
        assertTrue(!until.isBefore(before.plus(overlap)) && !until.isAfter(CLOCK.instant().plus(overlap)), validUntil);
    }

    @Test
    void theOldSecretSignsDuringTheOverlapAndNotAfter() {
        Map<String, Object> created = create(body("Rotating", "https://127.0.0.1/x", List.of("dev.itsm.incident.*")));
        String id = (String) created.get("id");
        String old = (String) created.get("secret");
        assertEquals(List.of(old), signingSecrets(id));

        Instant before = CLOCK.instant();
        io.restassured.path.json.JsonPath rotated = integrator().body(Map.of("overlap", "PT1H")).post(BASE + "/" + id + "/rotate-secret")
                .then().statusCode(200).body("secret", startsWith("whsec_")).header("ETag", "\"1\"").extract().jsonPath();
        assertValidUntil(rotated.getString("previousSecretValidUntil"), before, Duration.ofHours(1));
        String fresh = rotated.getString("secret");
        assertNotEquals(old, fresh);
        assertEquals(List.of(fresh, old), signingSecrets(id), "new first, then the old one during the overlap");
        integrator().get(BASE + "/" + id).then().statusCode(200).body("$", not(hasKey("secret")));

        CLOCK.advance(Duration.ofMinutes(59));
        assertEquals(List.of(fresh, old), signingSecrets(id));
        CLOCK.advance(Duration.ofMinutes(2));
        assertEquals(List.of(fresh), signingSecrets(id), "the old secret no longer signs after the overlap");
        integrator().get(BASE + "/" + id).then().statusCode(200).body("previousSecretValidUntil", nullValue());
    }

    @Test
    void theDefaultOverlapIsADayAndZeroRevokesAtOnce() {
        String id = (String) create(body("Default overlap", "https://127.0.0.1/x", List.of("dev.itsm.incident.*"))).get("id");
        Instant before = CLOCK.instant();
        String validUntil = integrator().post(BASE + "/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("previousSecretValidUntil");
        assertValidUntil(validUntil, before, Duration.ofHours(24));
        String leakedFix = integrator().body(Map.of("overlap", "PT0S")).post(BASE + "/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        assertEquals(List.of(leakedFix), signingSecrets(id));
    }
}
