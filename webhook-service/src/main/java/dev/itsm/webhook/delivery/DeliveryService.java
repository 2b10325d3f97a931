package dev.itsm.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.webhook.delivery.DeliveryQueue.NewDelivery;
import dev.itsm.webhook.intake.EventStore;
import dev.itsm.webhook.intake.StoredEvent;
import dev.itsm.webhook.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The delivery log's commands: redeliver one delivery, replay a time range, start a ping. */
@ApplicationScoped
public class DeliveryService {

    static final String PING_TYPE = "dev.itsm.webhook.Ping";
    static final String PING_SOURCE = "/itsm/webhook-service";
    /** Replays read this many events per round trip. */
    private static final int REPLAY_CHUNK = 1000;

    private final DataSource dataSource;
    private final EntityManager em;
    private final DeliveryQueue queue;
    private final EventStore events;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Duration eventRetention;
    private final WebhookDeliveryConfig config;

    DeliveryService(DataSource dataSource, EntityManager em, DeliveryQueue queue, EventStore events, Dispatcher dispatcher, Clock clock,
            @ConfigProperty(name = "webhook.event-retention", defaultValue = "7d") Duration eventRetention, WebhookDeliveryConfig config) {
        this.dataSource = dataSource;
        this.em = em;
        this.queue = queue;
        this.events = events;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.eventRetention = eventRetention;
        this.config = config;
    }

    /**
     * A new PENDING delivery of a final (DELIVERED or DEAD) delivery's event, reason REDELIVER, behind the open
     * deliveries of its ordering key. An open delivery is on its way already: 409.
     */
    @Transactional
    public DeliveryView redeliver(UUID subscriptionId, long deliveryId) {
        try (Connection c = dataSource.getConnection()) {
            DeliveryLog.requireSubscription(c, subscriptionId);
            long eventRef;
            String orderingKey;
            try (PreparedStatement ps = c.prepareStatement(
                    "select state, event_ref, ordering_key from delivery where subscription_id = ? and id = ? for update")) {
                ps.setObject(1, subscriptionId);
                ps.setLong(2, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("delivery", deliveryId);
                    }
                    DeliveryState state = DeliveryState.valueOf(rs.getString(1));
                    if (state != DeliveryState.DELIVERED && state != DeliveryState.DEAD) {
                        throw new IllegalTransitionException("delivery", state, "redeliver", List.of());
                    }
                    eventRef = rs.getLong(2);
                    orderingKey = rs.getString(3);
                }
            }
            long id = queue.enqueue(List.of(new NewDelivery(subscriptionId, eventRef, orderingKey, DeliveryReason.REDELIVER)),
                    clock.instant()).get(0);
            dispatcher.wakeAfterCommit();
            return DeliveryLog.find(c, subscriptionId, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * New deliveries, reason REPLAY, of every stored event with {@code time} in [from, to) that the subscription's
     * filters match, in the order they were consumed. The range may be no longer than the event retention (older
     * events are gone anyway).
     */
    @Transactional
    public int replay(UUID subscriptionId, Instant from, Instant to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (from == null) {
            errors.add(new Problem.FieldError("from", "is required"));
        }
        if (to == null) {
            errors.add(new Problem.FieldError("to", "is required"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        if (from != null && to != null && Duration.between(from, to).compareTo(eventRetention) > 0) {
            errors.add(new Problem.FieldError("to", "the range may span at most the event retention (" + eventRetention + ")"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Subscription s = em.find(Subscription.class, subscriptionId);
        if (s == null) {
            throw new NotFoundException("subscription", subscriptionId);
        }
        Instant now = clock.instant();
        int scheduled = 0;
        long after = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, type, subject, event_id from webhook_event
                where time >= ? and time < ? and id > ? and type <> ?
                order by id limit ?""")) {
            while (true) {
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                ps.setLong(3, after);
                ps.setString(4, PING_TYPE);
                ps.setInt(5, REPLAY_CHUNK);
                List<NewDelivery> chunk = new ArrayList<>();
                int read = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        after = rs.getLong(1);
                        String subject = rs.getString(3);
                        if (s.matches(rs.getString(2), subject)) {
                            // the Kafka key is not kept: without a subject the event id is the key (the outbox always sets one)
                            chunk.add(new NewDelivery(subscriptionId, after, subject != null ? subject : rs.getString(4),
                                    DeliveryReason.REPLAY));
                        }
                    }
                }
                queue.enqueue(chunk, now);
                scheduled += chunk.size();
                if (read < REPLAY_CHUNK) {
                    break;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (scheduled > 0) {
            dispatcher.wakeAfterCommit();
        }
        return scheduled;
    }

    /**
     * Stores a {@code dev.itsm.webhook.Ping} event and its delivery, already leased to the caller (reason PING, an
     * ordering key of its own so it waits for nothing), whatever the subscription's filters and state.
     */
    @Transactional
    public ClaimedDelivery startPing(UUID subscriptionId) {
        Subscription s = em.find(Subscription.class, subscriptionId);
        if (s == null) {
            throw new NotFoundException("subscription", subscriptionId);
        }
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        byte[] data = ("{\"subscriptionId\":\"" + subscriptionId + "\",\"occurredAt\":\"" + now + "\"}").getBytes(StandardCharsets.UTF_8);
        // never published: "itsm.webhook.events" only says whose event it is
        long ref = events.store(new StoredEvent(eventId, "itsm.webhook.events", PING_TYPE, PING_SOURCE, subscriptionId.toString(), now,
                "application/json", data), now).orElseThrow();
        long id = queue.enqueueLeased(new NewDelivery(subscriptionId, ref, "ping:" + eventId, DeliveryReason.PING), now,
                now.plus(config.connectTimeout()).plus(config.timeout()).plusSeconds(30));
        return queue.load(List.of(id), now).get(0);
    }
}
