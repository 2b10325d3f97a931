package dev.itsm.platform;

import static org.awaitility.Awaitility.await;
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

import dev.itsm.platform.testapp.FeedHandler;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class InboxTest {

    @Inject
    DataSource ds;

    static void send(String key, String ceId, String json) {
        CloudEventPublisher.publish("testfeed", "Fed", key, ceId, json);
    }

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

    @Test
    void aRedeliveredEventHasNoSecondEffect() throws Exception {
        String id = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        send(key, id, "{\"n\":1}");
        send(key, id, "{\"n\":1}");   // the same ce_id again, as a redelivery would bring it
        send(key, after, "{\"n\":2}"); // same key: processed after both copies
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(after) == 1);
        assertEquals(1, effects(id));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillConsumed() throws Exception {
        String key = UUID.randomUUID().toString();
        // no CloudEvents headers, not JSON
        CloudEventPublisher.raw(FeedHandler.TOPIC, key, "\u0000garbage".getBytes(StandardCharsets.UTF_8), Map.of());
        String refused = UUID.randomUUID().toString();
        send(key, refused, "{\"fail\":true}"); // handler throws every time -> DLQ after retries
        String next = UUID.randomUUID().toString();
        send(key, next, "{\"n\":3}");

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(next) == 1);
        assertEquals(0, effects(refused));

        List<Received> dead = TopicReader.await(FeedHandler.TOPIC + ".dlq", 2, Duration.ofSeconds(30),
                r -> key.equals(r.key()));
        assertEquals(2, dead.size());
        Received garbage = dead.get(0);
        assertEquals(FeedHandler.TOPIC, garbage.header("dlq_original_topic"));
        assertEquals("dev.itsm.platform.events.PoisonEventException", garbage.header("dlq_error_class"));
        Received failed = dead.get(1);
        assertEquals(refused, failed.ceId(), "original headers are kept");
        assertEquals("java.lang.IllegalStateException", failed.header("dlq_error_class"));
        assertEquals("handler refuses event " + refused, failed.header("dlq_error_message"));
        assertEquals("itsm-platformtest-service", failed.header("dlq_consumer_group"));
    }

    @Test
    void aTransientFailureIsRetriedBeyondMaxAttemptsAndNeverDeadLettered() throws Exception {
        String key = "transient-" + UUID.randomUUID();
        String flaky = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        // max-attempts is 3 in tests: six transient failures would have dead-lettered it before
        send(key, flaky, "{\"n\":5,\"transientFailures\":6}");
        send(key, after, "{\"n\":6}");
        await().atMost(Duration.ofSeconds(60)).until(() -> effects(flaky) == 1 && effects(after) == 1);
        assertEquals(1, effects(flaky), "applied exactly once");
        List<Received> dead = TopicReader.readUntil(FeedHandler.TOPIC + ".dlq", Duration.ofSeconds(2), rs -> false);
        assertEquals(0, dead.stream().filter(r -> key.equals(r.key())).count(), "nothing of this key was dead-lettered");
    }
}
