package dev.itsm.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.testapp.FeedHandler;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A consumer trusts a topic only for its owner's events: a record whose {@code ce_source} is not
 * {@code /itsm/<owner>-service} of {@code itsm.<owner>.events} is dead-lettered as poison, and an
 * event dated in the future cannot claim more than the consumer's clock plus the allowed skew.
 */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class EventOriginTest {

    @Inject
    DataSource ds;

    @Inject
    Clock clock;

    static Map<String, String> headers(String ceId, String source, String time) {
        Map<String, String> h = new HashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", ceId);
        h.put("ce_type", "dev.itsm.testfeed.Fed");
        h.put("ce_source", source);
        h.put("ce_time", time);
        h.put("content-type", "application/json");
        return h;
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

    Instant occurredAt(String eventId) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select occurred_at from feed_effect where event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        }
    }

    @Test
    void anEventFromAnotherServiceThanTheTopicsOwnerIsDeadLetteredAsPoison() throws Exception {
        String key = "forged-" + UUID.randomUUID();
        String forged = UUID.randomUUID().toString();
        CloudEventPublisher.raw(FeedHandler.TOPIC, key, "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                headers(forged, "/itsm/sla-service", Instant.now().toString()));
        String genuine = UUID.randomUUID().toString();
        CloudEventPublisher.publish("testfeed", "Fed", key, genuine, "{\"n\":2}");

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(genuine) == 1);
        assertEquals(0, effects(forged));
        List<Received> dead = TopicReader.await(FeedHandler.TOPIC + ".dlq", 1, Duration.ofSeconds(30), r -> forged.equals(r.ceId()));
        assertEquals("dev.itsm.platform.events.PoisonEventException", dead.get(0).header("dlq_error_class"));
        assertEquals("ce_source '/itsm/sla-service' of " + forged + " is not the owner of " + FeedHandler.TOPIC
                + " (expected /itsm/testfeed-service)", dead.get(0).header("dlq_error_message"));
    }

    @Test
    void anEventDatedInTheFutureIsAppliedAsOfNoLaterThanNowPlusTheAllowedSkew() throws Exception {
        String key = "future-" + UUID.randomUUID();
        String future = UUID.randomUUID().toString();
        Instant before = clock.instant();
        CloudEventPublisher.raw(FeedHandler.TOPIC, key, "{\"n\":3,\"occurredAt\":\"9999-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8),
                headers(future, "/itsm/testfeed-service", "9999-01-01T00:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(future) == 1);
        Instant applied = occurredAt(future);
        Instant after = clock.instant();
        // itsm.consumer.max-clock-skew is 5 min by default
        assertTrue(!applied.isBefore(before.plus(Duration.ofMinutes(5))) && !applied.isAfter(after.plus(Duration.ofMinutes(5))),
                "clamped to receipt + 5 min, was " + applied);
    }
}
