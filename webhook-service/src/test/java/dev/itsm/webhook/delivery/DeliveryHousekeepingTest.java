package dev.itsm.webhook.delivery;

import static dev.itsm.webhook.subscription.SubscriptionTestSupport.body;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.create;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** What housekeeping removes (old final deliveries, old events nothing refers to) and what it keeps. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class DeliveryHousekeepingTest {

    @Inject
    DataSource ds;
    @Inject
    DeliveryHousekeeping housekeeping;

    private long event(Connection c, Instant receivedAt) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into webhook_event (event_id, topic, type, source, subject, time, data, received_at)
                values (?, 'itsm.incident.events', 'dev.itsm.incident.IncidentOpened', '/itsm/incident-service', 's', ?, '{}'::bytea, ?)
                returning id""")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setTimestamp(2, Timestamp.from(receivedAt));
            ps.setTimestamp(3, Timestamp.from(receivedAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long delivery(Connection c, UUID subscription, long event, String state, Instant updatedAt) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into delivery (subscription_id, event_ref, ordering_key, state, next_attempt_at, created_at, updated_at)
                values (?, ?, 's', ?, ?, ?, ?) returning id""")) {
            ps.setObject(1, subscription);
            ps.setLong(2, event);
            ps.setString(3, state);
            ps.setTimestamp(4, Timestamp.from(updatedAt.plus(Duration.ofDays(365)))); // never due during the test
            ps.setTimestamp(5, Timestamp.from(updatedAt));
            ps.setTimestamp(6, Timestamp.from(updatedAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean exists(Connection c, String table, long id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("select 1 from " + table + " where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    void oldFinalDeliveriesAndUnreferencedOldEventsGoOpenOnesAndTheirEventsStay() throws Exception {
        Map<String, Object> b = body("housekeeping", "http://127.0.0.1:9/never", List.of("dev.itsm.incident.*"));
        b.put("state", "PAUSED");
        UUID subscription = UUID.fromString((String) create(b).get("id"));
        Instant now = TestClock.INSTANCE.instant();
        Instant old = now.minus(Duration.ofDays(8));
        try (Connection c = ds.getConnection()) {
            long oldDelivered = event(c, old);
            long dOldDelivered = delivery(c, subscription, oldDelivered, "DELIVERED", old);
            long oldOpen = event(c, old);
            long dOldOpen = delivery(c, subscription, oldOpen, "PENDING", old);
            long recentFinal = event(c, old);
            long dRecentFinal = delivery(c, subscription, recentFinal, "DEAD", now.minus(Duration.ofDays(1)));
            long oldUnreferenced = event(c, old);
            long recentUnreferenced = event(c, now.minus(Duration.ofDays(1)));

            housekeeping.clean();

            assertEquals(false, exists(c, "delivery", dOldDelivered), "an old final delivery goes");
            assertEquals(false, exists(c, "webhook_event", oldDelivered), "and then its event");
            assertEquals(true, exists(c, "delivery", dOldOpen), "an open delivery stays however old");
            assertEquals(true, exists(c, "webhook_event", oldOpen), "with its event");
            assertEquals(true, exists(c, "delivery", dRecentFinal), "a recent final delivery stays in the log");
            assertEquals(true, exists(c, "webhook_event", recentFinal), "with its event");
            assertEquals(false, exists(c, "webhook_event", oldUnreferenced));
            assertEquals(true, exists(c, "webhook_event", recentUnreferenced));
        }
    }
}
