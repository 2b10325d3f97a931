package dev.itsm.webhook.delivery;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.itsm.webhook.intake.StoredEvent;
import dev.itsm.webhook.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The {@code delivery} table as a queue. Order per (subscription, ordering key) comes from attempting only the
 * <em>head</em>: the oldest open (PENDING or IN_FLIGHT) delivery of its key; a later one waits until the head is
 * DELIVERED or DEAD — a DEAD delivery no longer holds its key back (else one poisoned event would stop an aggregate's
 * stream for good; its dead letter is logged and published as {@code WebhookDeliveryFailed}). An IN_FLIGHT delivery
 * carries {@code next_attempt_at = lease_until}, so one "due" condition finds both pending deliveries and leases left
 * behind by a crashed instance. Deliveries of a subscription that is not ACTIVE wait.
 */
@ApplicationScoped
public class DeliveryQueue {

    private static final String INSERT = """
            insert into delivery (subscription_id, event_ref, ordering_key, state, next_attempt_at, lease_until, reason,
                                  created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            returning id""";

    /**
     * Due heads of active subscriptions, at most {@code ?} per subscription (the window), oldest due first, locked;
     * rows another instance has locked are skipped, so instances never claim the same delivery. The heads come from
     * one ordered pass over the open deliveries' index ({@code delivery_head}: DISTINCT ON keeps the first of each
     * key); filters on a whole subscription go inside it, filters on one delivery outside (else a later delivery of a
     * key would stand in for its head).
     */
    private static final String CANDIDATES = """
            select d.id, d.subscription_id from delivery d
            where d.id in (
                select id from (
                    select h.id, h.next_attempt_at,
                           row_number() over (partition by h.subscription_id order by h.next_attempt_at, h.id) as rn
                    from (select distinct on (subscription_id, ordering_key) id, subscription_id, next_attempt_at, reason
                          from delivery
                          where state in ('PENDING', 'IN_FLIGHT')
                            and subscription_id in (select id from subscription where state = 'ACTIVE')
                            and subscription_id <> all (?)
                          order by subscription_id, ordering_key, id) h
                    where h.next_attempt_at <= ? and h.reason <> 'PING'
                ) ranked
                where rn <= ?
                order by next_attempt_at, id
                limit ?)
            and d.state in ('PENDING', 'IN_FLIGHT') and d.next_attempt_at <= ?
            order by d.next_attempt_at, d.id
            for update of d skip locked""";

    private static final String LEASE = """
            update delivery set state = 'IN_FLIGHT', lease_until = ?, next_attempt_at = ?, updated_at = ?
            where id = any (?)""";

    private static final String LOAD = """
            select d.id, d.subscription_id, d.attempts, d.first_attempt_at, d.reason,
                   e.event_id, e.topic, e.type, e.source, e.subject, e.time, e.data_content_type, e.data
            from delivery d join webhook_event e on e.id = d.event_ref
            where d.id = any (?)
            order by d.next_attempt_at, d.id""";

    private final DataSource dataSource;
    private final EntityManager em;

    DeliveryQueue(DataSource dataSource, EntityManager em) {
        this.dataSource = dataSource;
        this.em = em;
    }

    /** One delivery to queue. */
    public record NewDelivery(UUID subscriptionId, long eventRef, String orderingKey, DeliveryReason reason) {
    }

    /** Queues deliveries (PENDING, due now) in the caller's transaction; returns their ids in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> enqueue(List<NewDelivery> deliveries, Instant now) {
        return insert(deliveries, DeliveryState.PENDING, now, null);
    }

    /** Queues one delivery already leased by the caller (a ping, attempted at once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public long enqueueLeased(NewDelivery delivery, Instant now, Instant leaseUntil) {
        return insert(List.of(delivery), DeliveryState.IN_FLIGHT, now, leaseUntil).get(0);
    }

    private List<Long> insert(List<NewDelivery> deliveries, DeliveryState state, Instant now, Instant leaseUntil) {
        List<Long> ids = new ArrayList<>(deliveries.size());
        if (deliveries.isEmpty()) {
            return ids;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            Timestamp at = Timestamp.from(now);
            // one statement per row: PostgreSQL's driver returns generated ids of a batch only row by row anyway
            for (NewDelivery d : deliveries) {
                ps.setObject(1, d.subscriptionId());
                ps.setLong(2, d.eventRef());
                ps.setString(3, d.orderingKey());
                ps.setString(4, state.name());
                ps.setTimestamp(5, leaseUntil != null ? Timestamp.from(leaseUntil) : at);
                ps.setTimestamp(6, leaseUntil != null ? Timestamp.from(leaseUntil) : null);
                ps.setString(7, d.reason().name());
                ps.setTimestamp(8, at);
                ps.setTimestamp(9, at);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("could not queue deliveries", e);
        }
    }

    /**
     * Claims up to {@code limit} due head deliveries in a short transaction of its own, leasing them until
     * {@code leaseUntil}; a subscription gets at most {@code room.get(id)} (default {@code perSubscription}) and
     * none when it is in {@code full}.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<ClaimedDelivery> claim(int limit, int perSubscription, Map<UUID, Integer> inFlight, Instant now,
            Instant leaseUntil) {
        try (Connection c = dataSource.getConnection()) {
            List<Long> chosen = new ArrayList<>();
            Map<UUID, Integer> taken = new HashMap<>(inFlight);
            UUID[] full = inFlight.entrySet().stream().filter(e -> e.getValue() >= perSubscription).map(Map.Entry::getKey)
                    .toArray(UUID[]::new);
            try (PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
                Timestamp at = Timestamp.from(now);
                Array fullArray = c.createArrayOf("uuid", full);
                ps.setArray(1, fullArray);
                ps.setTimestamp(2, at);
                ps.setInt(3, perSubscription);
                ps.setInt(4, limit);
                ps.setTimestamp(5, at);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID sub = rs.getObject(2, UUID.class);
                        // the window allowed perSubscription; what is in flight here already counts against it
                        if (taken.merge(sub, 1, Integer::sum) <= perSubscription) {
                            chosen.add(rs.getLong(1));
                        }
                    }
                }
            }
            if (chosen.isEmpty()) {
                return List.of();
            }
            Array ids = c.createArrayOf("bigint", chosen.toArray());
            try (PreparedStatement ps = c.prepareStatement(LEASE)) {
                ps.setTimestamp(1, Timestamp.from(leaseUntil));
                ps.setTimestamp(2, Timestamp.from(leaseUntil));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setArray(4, ids);
                ps.executeUpdate();
            }
            return load(c, ids, now);
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim deliveries", e);
        }
    }

    /** The deliveries with these ids, with their events and the subscription's target and secrets, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ClaimedDelivery> load(List<Long> deliveryIds, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            return load(c, c.createArrayOf("bigint", deliveryIds.toArray()), now);
        } catch (SQLException e) {
            throw new IllegalStateException("could not load deliveries", e);
        }
    }

    private List<ClaimedDelivery> load(Connection c, Array ids, Instant now) throws SQLException {
        List<ClaimedDelivery> claimed = new ArrayList<>();
        Map<UUID, Subscription> subscriptions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID subscriptionId = rs.getObject(2, UUID.class);
                    Subscription s = subscriptions.computeIfAbsent(subscriptionId, id -> em.find(Subscription.class, id));
                    Timestamp first = rs.getTimestamp(4);
                    StoredEvent event = new StoredEvent(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getTimestamp(11).toInstant(), rs.getString(12), rs.getBytes(13));
                    claimed.add(new ClaimedDelivery(rs.getLong(1), subscriptionId, rs.getInt(3),
                            first == null ? null : first.toInstant(), DeliveryReason.valueOf(rs.getString(5)), s.targetUrl(),
                            s.signingSecrets(now), event));
                }
            }
        }
        return claimed;
    }
}
