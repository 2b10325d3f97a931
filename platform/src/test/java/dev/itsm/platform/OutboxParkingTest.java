package dev.itsm.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * An outbox row the producer can never send (over {@code max.request.size}, 64 KiB in tests) is
 * parked instead of holding up the relay: other aggregates go on, later rows of its aggregate wait
 * behind it, operators list and re-drive them through the admin API.
 */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class OutboxParkingTest {

    static final String TOPIC = "itsm.platformtest.events";
    static final String ADMIN = "/api/v1/tickets/admin";

    @Inject
    DataSource ds;

    long insertRow(String aggregateId, String payload) throws Exception {
        try (Connection c = ds.getConnection()) {
            return insertRow(c, aggregateId, payload);
        }
    }

    static long insertRow(Connection c, String aggregateId, String payload) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into outbox_event (event_id, topic, source, event_type, aggregate_type, aggregate_id, occurred_at, payload)
                values (?, ?, '/itsm/platformtest-service', 'dev.itsm.platformtest.TicketRenamed', 'Ticket', ?, ?, ?)
                returning id""")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, TOPIC);
            ps.setString(3, aggregateId);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.setString(5, payload);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String failure(long id) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select failure from outbox_event where id = ? and failed_at is not null")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    void setPayload(long id, String payload) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("update outbox_event set payload = ? where id = ?")) {
            ps.setString(1, payload);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    static String admin() {
        return TestTokens.bearer("olga", Roles.ADMIN);
    }

    @Test
    void aRowThatCanNeverBePublishedIsParkedWithItsAggregatesLaterRowsAndOthersGoOnUntilItIsRedriven() throws Exception {
        String stuck = "parked-" + UUID.randomUUID();
        String other = "flowing-" + UUID.randomUUID();
        long tooLarge;
        long behind;
        long unrelated;
        // one transaction, so the relay meets all three in one batch
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            tooLarge = insertRow(c, stuck, "{\"step\":1,\"blob\":\"" + "x".repeat(100_000) + "\"}");
            behind = insertRow(c, stuck, "{\"step\":2}");
            unrelated = insertRow(c, other, "{\"step\":1}");
            c.commit();
        }

        // the other aggregate is published, and the relay is not stuck: later rows go out too
        TopicReader.await(TOPIC, 1, Duration.ofSeconds(30), r -> other.equals(r.key()));
        long later = insertRow(other, "{\"step\":2}");
        assertEquals(2, TopicReader.await(TOPIC, 2, Duration.ofSeconds(30), r -> other.equals(r.key())).size());

        await().atMost(Duration.ofSeconds(30)).until(() -> failure(tooLarge) != null && failure(behind) != null);
        assertTrue(failure(tooLarge).contains("RecordTooLargeException"), failure(tooLarge));
        assertEquals("waits behind parked outbox row " + tooLarge, failure(behind));
        assertEquals(null, failure(unrelated));
        assertEquals(null, failure(later));

        // a row of the parked aggregate written after the parking waits behind it too (the relay, knowing a row
        // is parked, keeps parking late arrivals; with none parked it skips that step)
        long afterParking = insertRow(stuck, "{\"step\":3}");
        await().atMost(Duration.ofSeconds(30)).until(() -> failure(afterParking) != null);
        assertEquals("waits behind parked outbox row " + tooLarge, failure(afterParking));

        JsonPath parked = given().header("Authorization", admin()).get(ADMIN + "/outbox/parked?limit=1000")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> mine = parked.<Map<String, Object>>getList("")
                .stream().filter(p -> stuck.equals(p.get("aggregateId"))).toList();
        assertEquals(3, mine.size(), "every row of the aggregate is listed");
        assertEquals(tooLarge, ((Number) mine.get(0).get("id")).longValue());
        assertTrue((Integer) mine.get(0).get("payloadBytes") > 100_000);
        assertTrue(((String) mine.get(0).get("failure")).contains("max.request.size"));
        await().atMost(Duration.ofSeconds(10)).until(() -> parkedGauge() >= 3);

        List<Received> none = TopicReader.readUntil(TOPIC, Duration.ofSeconds(1), rs -> false);
        assertEquals(0, none.stream().filter(r -> stuck.equals(r.key())).count(), "nothing of the parked aggregate is out");

        // the cause is removed (here: the event is made smaller); re-driving the head brings the row behind it along
        setPayload(tooLarge, "{\"step\":1}");
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("ids", List.of(tooLarge)))
                .post(ADMIN + "/outbox/parked/redrive")
                .then().statusCode(200).body("redriven", equalTo(3));
        List<Received> out = TopicReader.await(TOPIC, 3, Duration.ofSeconds(30), r -> stuck.equals(r.key()));
        assertEquals(3, out.size());
        assertTrue(out.get(0).value().contains("\"step\":1"), "in the aggregate's order: " + out.get(0).value());
        assertTrue(out.get(1).value().contains("\"step\":2"), out.get(1).value());
        assertTrue(out.get(2).value().contains("\"step\":3"), out.get(2).value());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> failure(tooLarge) == null && failure(behind) == null && failure(afterParking) == null);
    }

    @Test
    void theParkedListIsForAdminsOnlyAndItsLimitIsChecked() {
        given().get(ADMIN + "/outbox/parked").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT)).get(ADMIN + "/outbox/parked")
                .then().statusCode(403);
        given().header("Authorization", admin()).get(ADMIN + "/outbox/parked?limit=0")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    static double parkedGauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("itsm_outbox_parked_events"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
