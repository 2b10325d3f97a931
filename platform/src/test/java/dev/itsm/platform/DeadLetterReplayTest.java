package dev.itsm.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.platform.testapp.FeedHandler;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Operators read a dead-letter topic and replay records into this service's handlers, idempotently through the inbox, publishing nothing. */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class DeadLetterReplayTest {

    static final String ADMIN = "/api/v1/tickets/admin";

    @Inject
    DataSource ds;

    long effects(String eventId) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from feed_effect where event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String admin() {
        return TestTokens.bearer("olga", Roles.ADMIN);
    }

    static Map<String, Object> replay(Map<String, Object> filter) {
        return given().header("Authorization", admin()).contentType(ContentType.JSON).body(filter)
                .post(ADMIN + "/dead-letters/replay").then().statusCode(200).extract().jsonPath().getMap("");
    }

    @Test
    void aDeadLetteredEventIsListedAndReplayedIntoThisServicesHandlersOnceWithoutRepublishing() throws Exception {
        String key = "replay-" + UUID.randomUUID();
        String failing = UUID.randomUUID().toString();
        // the handler refuses it max-attempts (3) times, then would accept it
        CloudEventPublisher.publish("testfeed", "Fed", key, failing, "{\"n\":7,\"failures\":3}");
        TopicReader.await(FeedHandler.TOPIC + ".dlq", 1, Duration.ofSeconds(30), r -> failing.equals(r.ceId()));
        assertEquals(0, effects(failing));

        List<Map<String, Object>> letters = given().header("Authorization", admin())
                .get(ADMIN + "/dead-letters?topic=" + FeedHandler.TOPIC + "&limit=1000")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("")
                .stream().filter(l -> failing.equals(l.get("ceId"))).toList();
        assertEquals(1, letters.size());
        Map<String, Object> letter = letters.get(0);
        assertEquals(FeedHandler.TOPIC + ".dlq", letter.get("topic"));
        assertEquals(key, letter.get("key"));
        assertEquals("dev.itsm.testfeed.Fed", letter.get("ceType"));
        assertEquals(FeedHandler.TOPIC, letter.get("originalTopic"));
        assertEquals("java.lang.IllegalStateException", letter.get("errorClass"));
        assertEquals("handler refuses event " + failing, letter.get("errorMessage"));

        // the replay runs this service's handler itself: the effect is there when the answer comes
        Map<String, Object> result = replay(Map.of("topic", FeedHandler.TOPIC, "ceIds", List.of(failing)));
        assertEquals(1, result.get("matched"));
        assertEquals(1, result.get("replayed"));
        assertEquals(0, result.get("alreadyProcessed"));
        assertEquals(List.of(), result.get("failed"));
        assertEquals(1, effects(failing));

        // nothing was published: the original topic (another service's, which this one may not write,
        // and read by other groups) still holds the one original record
        List<Received> onTopic = TopicReader.await(FeedHandler.TOPIC, 2, Duration.ofSeconds(3), r -> failing.equals(r.ceId()));
        assertEquals(1, onTopic.size(), "replay must not re-publish to " + FeedHandler.TOPIC);

        // replaying it again is harmless: the inbox knows the event
        Map<String, Object> again = replay(Map.of("topic", FeedHandler.TOPIC, "ceIds", List.of(failing)));
        assertEquals(0, again.get("replayed"));
        assertEquals(1, again.get("alreadyProcessed"));
        assertEquals(1, effects(failing), "applied exactly once");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeadLetterThatStillFailsIsReportedInTheAnswerAndNotDeadLetteredAgain() throws Exception {
        String key = "still-failing-" + UUID.randomUUID();
        String failing = UUID.randomUUID().toString();
        CloudEventPublisher.publish("testfeed", "Fed", key, failing, "{\"n\":3,\"fail\":true}");
        TopicReader.await(FeedHandler.TOPIC + ".dlq", 1, Duration.ofSeconds(30), r -> failing.equals(r.ceId()));

        Map<String, Object> result = replay(Map.of("topic", FeedHandler.TOPIC, "ceIds", List.of(failing)));
        assertEquals(1, result.get("matched"));
        assertEquals(0, result.get("replayed"));
        List<Map<String, Object>> failed = (List<Map<String, Object>>) result.get("failed");
        assertEquals(1, failed.size());
        assertEquals(failing, failed.get(0).get("ceId"));
        assertEquals("java.lang.IllegalStateException", failed.get(0).get("errorClass"));
        assertEquals("handler refuses event " + failing, failed.get(0).get("errorMessage"));
        assertEquals(0, effects(failing));
        assertEquals(1, TopicReader.await(FeedHandler.TOPIC + ".dlq", 2, Duration.ofSeconds(3),
                r -> failing.equals(r.ceId())).size(), "still one dead letter, not a second");
    }

    @Test
    void anotherServicesDeadLettersOnTheSharedDlqAreNeitherListedNorReplayed() throws Exception {
        String theirs = UUID.randomUUID().toString();
        CloudEventPublisher.raw(FeedHandler.TOPIC + ".dlq", "k-" + theirs, "{\"n\":9}".getBytes(StandardCharsets.UTF_8), Map.of(
                "ce_specversion", "1.0", "ce_id", theirs, "ce_type", "dev.itsm.testfeed.Fed", "ce_source", "/itsm/testfeed-service",
                "dlq_consumer_group", "itsm-other-service", "dlq_original_topic", FeedHandler.TOPIC,
                "dlq_error_class", "java.lang.IllegalStateException"));
        List<Object> listed = given().header("Authorization", admin()).get(ADMIN + "/dead-letters?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("ceId");
        assertEquals(false, listed.contains(theirs));
        Map<String, Object> result = replay(Map.of("topic", FeedHandler.TOPIC, "ceIds", List.of(theirs)));
        assertEquals(0, result.get("matched"));
        assertEquals(0, effects(theirs));
    }

    @Test
    void aReplayNamesAConsumedTopicAndAnOffsetRangeThatMakesSense() {
        given().header("Authorization", admin()).contentType(ContentType.JSON).body("{}")
                .post(ADMIN + "/dead-letters/replay").then().statusCode(400).body("errors[0].field", equalTo("topic"));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("topic", "itsm.other.events"))
                .post(ADMIN + "/dead-letters/replay").then().statusCode(400).body("errors[0].field", equalTo("topic"));
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("topic", FeedHandler.TOPIC, "fromOffset", 5, "toOffset", 2))
                .post(ADMIN + "/dead-letters/replay").then().statusCode(400).body("errors[0].field", equalTo("fromOffset"));
        given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT)).contentType(ContentType.JSON)
                .body(Map.of("topic", FeedHandler.TOPIC)).post(ADMIN + "/dead-letters/replay").then().statusCode(403);
    }
}
