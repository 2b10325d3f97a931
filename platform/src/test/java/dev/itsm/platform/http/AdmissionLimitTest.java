package dev.itsm.platform.http;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.platform.testapp.HoldResource;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * At its limit of requests in flight an instance answers the next {@code /api/} request 503 overloaded at once
 * (before authentication: no token needed to be refused), keeps answering health probes, and admits requests
 * again as soon as one in flight ends.
 */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
@TestProfile(AdmissionLimitTest.LimitOfTwo.class)
class AdmissionLimitTest {

    public static class LimitOfTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("itsm.max-in-flight-requests", "2");
        }
    }

    static final String READER = TestTokens.bearer("rita", Roles.READER);

    @TestHTTPResource("/api/v1/holds/")
    URI holds;
    @Inject
    AdmissionLimit admission;

    @Test
    void theRequestOverTheLimitIs503OverloadedAndNothingElseChanges() throws Exception {
        String name = "limit-" + UUID.randomUUID();
        HoldResource.hold(name);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(http.sendAsync(HttpRequest.newBuilder(holds.resolve(name)).header("Authorization", READER).build(), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> HoldResource.waiting(name) == 2);
            assertEquals(2, admission.inFlight());

            given().get("/api/v1/tickets").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("type", equalTo("https://itsm.dev/problems/overloaded"))
                    .body("status", equalTo(503))
                    .body("instance", equalTo("/api/v1/tickets"));
            given().get("/q/health/live").then().statusCode(200); // probes are never refused
            assertEquals(2, admission.inFlight(), "the refused request did not count");
        } finally {
            HoldResource.release(name);
        }
        for (CompletableFuture<HttpResponse<String>> f : held) {
            assertEquals(200, f.get(30, TimeUnit.SECONDS).statusCode());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 0);
        given().get("/api/v1/tickets").then().statusCode(401); // admitted again: now it is the token that is missing
    }

    @Test
    void aClientThatHangsUpFreesItsPlace() throws Exception {
        String name = "hang-up-" + UUID.randomUUID();
        HoldResource.hold(name);
        try {
            // the client gives up after a second and closes its connection while the request is being worked on
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> gaveUp = http.sendAsync(HttpRequest.newBuilder(holds.resolve(name))
                    .header("Authorization", READER).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(30)).until(() -> HoldResource.waiting(name) == 1);
            await().atMost(Duration.ofSeconds(30)).until(gaveUp::isDone);
        } finally {
            HoldResource.release(name);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> HoldResource.waiting(name) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 0);
    }
}
