package dev.itsm.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.events.OutboxRelay;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A relay that takes over must not send again what the previous holder got onto the topic but could
 * not mark published before it died (kill -9 between Kafka's acknowledgement and the mark).
 */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class RelayTakeOverTest {

    static final String TOPIC = OutboxRelayTest.TOPIC;
    /** OutboxRelay's advisory lock: whoever holds it relays. */
    static final long LEADER_LOCK = 0x1757_0ca1_0001L;

    @Inject
    DataSource ds;

    @Inject
    OutboxRelay relay;

    @Test
    void aRowThePreviousHolderPublishedButDidNotMarkIsMarkedNotSentTwiceAndAnUnsentOneIsSent() throws Exception {
        OutboxRelayTest.openTicket("before-take-over", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.isLeader() && relay.lastError() == null);
        String sent = UUID.randomUUID().toString();
        String unsent = UUID.randomUUID().toString();
        String aggregate = UUID.randomUUID().toString();
        try (Connection rival = ds.getConnection()) {
            rival.setAutoCommit(true);
            // the holder "dies": its session is terminated and this test takes the lock before it comes back
            try (Statement st = rival.createStatement()) {
                st.execute("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = "
                        + (LEADER_LOCK & 0xffffffffL) + " and granted");
                st.execute("select pg_advisory_lock(" + LEADER_LOCK + ")");
            }
            // what the dead holder left: one row whose event reached Kafka, one that never left
            CloudEventPublisher.publish("platformtest", "TicketRenamed", aggregate, sent,
                    "{\"id\":\"" + aggregate + "\",\"title\":\"sent\",\"n\":1}");
            insertPending(rival, sent, aggregate, "{\"id\":\"" + aggregate + "\",\"title\":\"sent\",\"n\":1}");
            insertPending(rival, unsent, aggregate, "{\"id\":\"" + aggregate + "\",\"title\":\"unsent\",\"n\":2}");
            try (Statement st = rival.createStatement()) {
                st.execute("select pg_advisory_unlock(" + LEADER_LOCK + ")");
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> published(sent) && published(unsent));
        List<TopicReader.Received> records = TopicReader.readUntil(TOPIC, Duration.ofSeconds(10),
                r -> r.stream().filter(x -> x.key().equals(aggregate)).count() >= 2);
        List<String> ids = records.stream().filter(r -> r.key().equals(aggregate)).map(TopicReader.Received::ceId).toList();
        assertEquals(List.of(sent, unsent), ids, "each event once, in order");
        assertTrue(relay.isLeader(), "the relay took over again");
    }

    private static void insertPending(Connection c, String eventId, String aggregate, String payload) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into outbox_event (event_id, topic, source, event_type, aggregate_type, aggregate_id, occurred_at, payload)
                values (?::uuid, ?, '/itsm/platformtest-service', 'dev.itsm.platformtest.TicketRenamed', 'Ticket', ?, ?, ?)""")) {
            ps.setString(1, eventId);
            ps.setString(2, TOPIC);
            ps.setString(3, aggregate);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.setString(5, payload);
            ps.executeUpdate();
        }
    }

    private boolean published(String eventId) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select published_at is not null from outbox_event where event_id = ?::uuid")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
