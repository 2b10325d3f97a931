package dev.itsm.webhook.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import dev.itsm.platform.events.Outbox;
import dev.itsm.webhook.delivery.events.WebhookDeliveryFailed;
import dev.itsm.webhook.delivery.events.WebhookSubscriptionDisabled;
import dev.itsm.webhook.subscription.Subscription;
import dev.itsm.webhook.subscription.SubscriptionState;
import dev.itsm.webhook.subscription.WebhookSubscriptionChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Records what an attempt came to, in a short transaction of its own after the HTTP exchange: the
 * {@code delivery_attempt} row, the delivery's {@code last_*} fields and its next state — DELIVERED; PENDING again at
 * the back-off's next attempt; DEAD after the retry budget (with {@code WebhookDeliveryFailed}); or, on 410 Gone,
 * PENDING with the subscription DISABLED (with {@code WebhookSubscriptionDisabled}), so resuming it sends the
 * delivery. A ping is logged and final either way: it is neither retried nor does it disable anything.
 * <p>
 * The update is conditional on the lease this attempt held (state IN_FLIGHT and the attempt count it was claimed
 * with): when the lease expired and another instance attempted the delivery meanwhile, this late result is dropped.
 */
@ApplicationScoped
public class DeliveryRecorder {

    private static final Logger LOG = Logger.getLogger(DeliveryRecorder.class);
    static final int ERROR_CHARS = 1000;

    private static final String INSERT_ATTEMPT = """
            insert into delivery_attempt (delivery_id, attempt, started_at, duration_ms, status, error, response_prefix)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing""";

    private static final String UPDATE = """
            update delivery set state = ?, attempts = ?, next_attempt_at = ?, lease_until = null,
                   first_attempt_at = coalesce(first_attempt_at, ?), last_attempt_at = ?, last_status = ?,
                   last_duration_ms = ?, last_error = ?, delivered_at = ?, updated_at = ?
            where id = ? and state = 'IN_FLIGHT' and attempts = ?""";

    private final DataSource dataSource;
    private final EntityManager em;
    private final Outbox outbox;
    private final Clock clock;
    private final RetryPolicy retries;
    private final DeliveryMetrics metrics;

    DeliveryRecorder(DataSource dataSource, EntityManager em, Outbox outbox, Clock clock, WebhookDeliveryConfig config,
            DeliveryMetrics metrics) {
        this.dataSource = dataSource;
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
        this.retries = new RetryPolicy(config.initial(), config.maxBackoff(), config.retryBudget(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delivery's state after the attempt, and when it is due again (open deliveries only). */
    public record Recorded(DeliveryState state, Optional<Instant> nextAttemptAt) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Recorded record(ClaimedDelivery d, Instant startedAt, Outcome outcome) {
        Instant now = clock.instant();
        int attempts = d.attempts() + 1;
        Instant first = d.firstAttemptAt() != null ? d.firstAttemptAt() : startedAt;
        String error = truncate(outcome.describe());
        DeliveryState state;
        Instant next = now;
        boolean ping = d.reason() == DeliveryReason.PING;
        switch (outcome.verdict()) {
            case DELIVERED -> state = DeliveryState.DELIVERED;
            case GONE -> state = ping ? DeliveryState.DEAD : DeliveryState.PENDING;
            default -> {
                Optional<Instant> retry = ping ? Optional.empty() : retries.nextAttempt(attempts, first, now, outcome.retryAfter());
                state = retry.isPresent() ? DeliveryState.PENDING : DeliveryState.DEAD;
                next = retry.orElse(now);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT)) {
                ps.setLong(1, d.id());
                ps.setInt(2, attempts);
                ps.setTimestamp(3, Timestamp.from(startedAt));
                ps.setInt(4, (int) Math.min(Integer.MAX_VALUE, outcome.durationMs()));
                setInteger(ps, 5, outcome.status());
                ps.setString(6, error);
                ps.setString(7, outcome.responsePrefix());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                ps.setString(1, state.name());
                ps.setInt(2, attempts);
                ps.setTimestamp(3, Timestamp.from(next));
                ps.setTimestamp(4, Timestamp.from(first));
                ps.setTimestamp(5, Timestamp.from(startedAt));
                setInteger(ps, 6, outcome.status());
                ps.setInt(7, (int) Math.min(Integer.MAX_VALUE, outcome.durationMs()));
                ps.setString(8, error);
                ps.setTimestamp(9, state == DeliveryState.DELIVERED ? Timestamp.from(now) : null);
                ps.setTimestamp(10, Timestamp.from(now));
                ps.setLong(11, d.id());
                ps.setInt(12, d.attempts());
                if (ps.executeUpdate() == 0) {
                    LOG.infof("Delivery %d was taken over after its lease expired; dropping this attempt's result", d.id());
                    throw new LeaseLost();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record attempt " + attempts + " of delivery " + d.id(), e);
        }
        if (outcome.verdict() == Outcome.Verdict.GONE && !ping) {
            disable(d, outcome, now);
        } else if (state == DeliveryState.DEAD && !ping) {
            outbox.append(new WebhookDeliveryFailed(d.subscriptionId(), d.id(), d.event().eventId(), d.event().type(),
                    d.event().subject(), attempts, outcome.status(), error, first, startedAt, now));
        }
        metrics.attempted(state, outcome);
        return new Recorded(state, state == DeliveryState.PENDING ? Optional.of(next) : Optional.empty());
    }

    private void disable(ClaimedDelivery d, Outcome outcome, Instant now) {
        // no SELECT … FOR UPDATE: that row lock, taken before the table lock the UPDATE needs, would deadlock with an
        // intake batch holding SHARE on subscription and inserting a delivery (its foreign key check) for it. The
        // entity's version catches a concurrent change instead: this transaction fails, the lease runs out, it is tried again.
        Subscription s = em.find(Subscription.class, d.subscriptionId());
        if (s == null || s.state() == SubscriptionState.DISABLED) {
            return; // deleted meanwhile, or another delivery's 410 disabled it first
        }
        String reason = "target answered 410 Gone at " + now;
        s.disable(reason, now);
        outbox.append(new WebhookSubscriptionDisabled(s.id(), s.name(), WebhookSubscriptionChanged.withoutQuery(s.targetUrl()),
                reason, outcome.status(), now));
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= ERROR_CHARS ? s : s.substring(0, ERROR_CHARS);
    }

    /** The attempt's lease was lost (rolled back: its attempt row is not kept either). */
    public static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }
}
