package dev.itsm.monitoring.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.intake.AlertStatus;
import dev.itsm.monitoring.pipeline.AlertFeed;
import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * acknowledge / suppress / unsuppress over REST on alerts that came in through the real intake queue and processor:
 * the view and ETag after each, the events, If-Match (optional; stale → 412), 409 naming the state and the allowed
 * commands, 422 on a suppression end out of range, 400 on a missing one, 404 on an unknown alert.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class AlertCommandsTest {

    static final String ALERTS = "/api/v1/monitoring/alerts";

    @Inject
    AlertFeed feed;

    static RequestSpecification agent() {
        return given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT)).contentType(ContentType.JSON);
    }

    /** The alert's current ETag, as a client reads it before acting. */
    private static String etag(String id) {
        return agent().get(ALERTS + "/" + id).then().statusCode(200).extract().header("ETag");
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static long version(String id) {
        return Long.parseLong(etag(id).replace("\"", ""));
    }

    /** A firing alert through the intake queue and the processor, found through the list like a client finds it. */
    private String firingAlert() {
        String fingerprint = AlertFeed.fingerprint();
        String name = "ApiCommand" + UUID.randomUUID().toString().replace("-", "");
        feed.feed(AlertFeed.alert(AlertStatus.FIRING, fingerprint, name, null, "critical"));
        List<String> ids = agent().queryParam("name", name).get(ALERTS).then().statusCode(200)
                .body("items.size()", equalTo(1)).extract().jsonPath().getList("items.id");
        return ids.get(0);
    }

    @Test
    void acknowledgeOnceThen409NamingTheStateAndTheAllowedCommands() {
        String id = firingAlert();
        long v = version(id);
        agent().body(Map.of("note", "On it")).post(ALERTS + "/" + id + "/acknowledge").then().statusCode(200)
                .header("ETag", etag(v + 1)).body("acknowledgedBy", equalTo("alice")).body("acknowledgedAt", notNullValue())
                .body("allowedCommands", equalTo(List.of("suppress"))).body("version", equalTo((int) v + 1));
        assertEquals(1, feed.events("AlertAcknowledged", UUID.fromString(id)).size());

        agent().post(ALERTS + "/" + id + "/acknowledge").then().statusCode(409).contentType("application/problem+json")
                .body("currentState", equalTo("FIRING (acknowledged)")).body("allowedCommands", equalTo(List.of("suppress")));
        agent().get(ALERTS + "/" + id).then().statusCode(200).header("ETag", etag(v + 1));
    }

    @Test
    void acknowledgeAndUnsuppressNeedNoBody() {
        String id = firingAlert();
        agent().post(ALERTS + "/" + id + "/acknowledge")
                .then().statusCode(200).body("acknowledgedBy", equalTo("alice"));
        agent().body(Map.of("until", TestClock.INSTANCE.instant().plusSeconds(600).toString(), "note", "x"))
                .post(ALERTS + "/" + id + "/suppress").then().statusCode(200);
        agent().post(ALERTS + "/" + id + "/unsuppress")
                .then().statusCode(200).body("suppression", nullValue());
    }

    @Test
    void suppressAndUnsuppressWithIfMatch() {
        String id = firingAlert();
        long v = version(id);
        Instant until = TestClock.INSTANCE.instant().plus(Duration.ofHours(2));
        Map<String, Object> body = Map.of("until", until.toString(), "note", "Array rebuild");

        agent().header("If-Match", etag(v + 7)).body(body).post(ALERTS + "/" + id + "/suppress").then().statusCode(412)
                .contentType("application/problem+json");
        agent().header("If-Match", "W/" + etag(v)).body(body).post(ALERTS + "/" + id + "/suppress").then().statusCode(412);
        agent().header("If-Match", etag(v)).body(body).post(ALERTS + "/" + id + "/suppress").then().statusCode(200)
                .header("ETag", etag(v + 1)).body("suppression.reason", equalTo("MANUAL")).body("suppression.by", equalTo("alice"))
                .body("suppression.note", equalTo("Array rebuild")).body("suppression.until", notNullValue())
                .body("allowedCommands", equalTo(List.of("acknowledge", "unsuppress")));
        String name = agent().get(ALERTS + "/" + id).path("name");
        agent().queryParam("suppressed", "true").queryParam("name", name)
                .get(ALERTS).then().statusCode(200).body("items.id", equalTo(List.of(id)));
        agent().body(body).post(ALERTS + "/" + id + "/suppress").then().statusCode(409)
                .body("currentState", equalTo("FIRING (suppressed)"));

        agent().header("If-Match", etag(v)).post(ALERTS + "/" + id + "/unsuppress").then().statusCode(412);
        agent().header("If-Match", etag(v + 1)).post(ALERTS + "/" + id + "/unsuppress").then().statusCode(200)
                .header("ETag", etag(v + 2)).body("suppression", nullValue())
                .body("allowedCommands", equalTo(List.of("acknowledge", "suppress")));
        agent().post(ALERTS + "/" + id + "/unsuppress").then().statusCode(409)
                .body("allowedCommands", equalTo(List.of("acknowledge", "suppress")));
        UUID alertId = UUID.fromString(id);
        assertEquals(1, feed.events("AlertSuppressed", alertId).size());
        assertEquals(1, feed.events("AlertUnsuppressed", alertId).size());
    }

    @Test
    void aSuppressionEndOutOfRangeIs422AndAMissingOneIs400() {
        String id = firingAlert();
        String before = etag(id);
        Instant now = TestClock.INSTANCE.instant();
        agent().body(Map.of("until", now.minusSeconds(60).toString(), "note", "x")).post(ALERTS + "/" + id + "/suppress")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://itsm.dev/problems/invalid-suppression"));
        agent().body(Map.of("until", now.plus(Duration.ofDays(31)).toString(), "note", "x")).post(ALERTS + "/" + id + "/suppress")
                .then().statusCode(422);
        agent().body(Map.of("note", "x")).post(ALERTS + "/" + id + "/suppress").then().statusCode(400)
                .contentType("application/problem+json");
        agent().body(Map.of("until", "tomorrow", "note", "x")).post(ALERTS + "/" + id + "/suppress").then().statusCode(400);
        agent().get(ALERTS + "/" + id).then().statusCode(200).body("suppression", nullValue()).header("ETag", before);
    }

    @Test
    void aResolvedAlertTakesNoCommand() {
        String fingerprint = AlertFeed.fingerprint();
        String name = "ApiResolved" + UUID.randomUUID().toString().replace("-", "");
        feed.feed(AlertFeed.alert(AlertStatus.FIRING, fingerprint, name, null, "warning"));
        feed.feed(AlertFeed.alert(AlertStatus.RESOLVED, fingerprint, name, null, "warning"));
        Alert alert = feed.alertByFingerprint(fingerprint);
        String id = alert.id().toString();
        agent().get(ALERTS + "/" + id).then().statusCode(200).body("state", equalTo("RESOLVED"))
                .body("allowedCommands", equalTo(List.of())).body("endsAt", notNullValue());
        for (String command : List.of("acknowledge", "unsuppress")) {
            agent().post(ALERTS + "/" + id + "/" + command).then().statusCode(409).body("currentState", equalTo("RESOLVED"))
                    .body("allowedCommands", equalTo(List.of()));
        }
        agent().body(Map.of("until", TestClock.INSTANCE.instant().plusSeconds(600).toString(), "note", "x"))
                .post(ALERTS + "/" + id + "/suppress").then().statusCode(409);
    }

    @Test
    void commandsOnAnUnknownAlertAre404() {
        String unknown = ALERTS + "/" + UUID.randomUUID();
        agent().post(unknown + "/acknowledge").then().statusCode(404).contentType("application/problem+json");
        agent().post(unknown + "/unsuppress").then().statusCode(404);
        agent().body(Map.of("until", TestClock.INSTANCE.instant().plusSeconds(600).toString(), "note", "x"))
                .post(unknown + "/suppress").then().statusCode(404);
    }
}
