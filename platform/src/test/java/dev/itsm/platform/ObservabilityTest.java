package dev.itsm.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class ObservabilityTest {

    @Inject
    DataSource ds;

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void theRequestTraceContinuesIntoTheKafkaRecordHeaders() {
        String traceId = randomHex(16);
        String id = given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT))
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .contentType(ContentType.JSON).body(Map.of("title", "traced", "kind", "BUG", "renames", 0))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        List<Received> records = TopicReader.await(OutboxRelayTest.TOPIC, 1, Duration.ofSeconds(30), r -> id.equals(r.key()));
        String traceparent = records.get(0).header("traceparent");
        assertTrue(traceparent != null && traceparent.startsWith("00-" + traceId + "-"), "traceparent = " + traceparent);
    }

    @Test
    void theConsumerContinuesTheTraceOfTheRecord() throws Exception {
        String traceId = randomHex(16);
        String eventId = UUID.randomUUID().toString();
        CloudEventPublisher.raw(FeedHandler.TOPIC, "k-" + eventId, "{\"n\":7}".getBytes(StandardCharsets.UTF_8), Map.of(
                "ce_specversion", "1.0",
                "ce_id", eventId,
                "ce_type", "dev.itsm.testfeed.Fed",
                "ce_source", "/itsm/testfeed-service",
                "content-type", "application/json",
                "traceparent", "00-" + traceId + "-" + randomHex(8) + "-01"));
        await().atMost(Duration.ofSeconds(30)).until(() -> traceOf(eventId) != null);
        assertEquals(traceId, traceOf(eventId));
    }

    String traceOf(String eventId) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select trace_id from feed_effect where event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void metricsShowOutboxAndConsumerLag() {
        OutboxRelayTest.openTicket("metrics", 0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("itsm_outbox_pending_events"))
                .body(containsString("itsm_outbox_oldest_pending_age_seconds"))
                .body(containsString("itsm_outbox_published_events_total"))
                .body(containsString("itsm_consumer_lag_records"))
                .body(containsString("itsm_consumer_events_total{outcome=\"handled\"")));
    }
}
