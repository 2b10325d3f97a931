package dev.itsm.webhook.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What an operator alerts on: attempts by outcome ({@code itsm_webhook_delivery_attempts_total{outcome}}: delivered,
 * retry, dead, gone), and the backlog — open deliveries and the age of the oldest one due
 * ({@code itsm_webhook_deliveries_open}, {@code itsm_webhook_deliveries_oldest_due_age_seconds}; a subscriber that is
 * down shows as a growing age). The gauges come from one query on the open deliveries' partial index, at most every
 * 2 s however often they are scraped.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final DataSource dataSource;
    private final MeterRegistry registry;
    private final Clock clock;

    private Counter delivered;
    private Counter retried;
    private Counter dead;
    private Counter gone;
    private Instant sampledAt = Instant.EPOCH;
    private long open;
    private double oldestDueAgeSeconds;

    DeliveryMetrics(DataSource dataSource, MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.clock = clock;
    }

    void register(@Observes StartupEvent event) {
        delivered = attempts("delivered");
        retried = attempts("retry");
        dead = attempts("dead");
        gone = attempts("gone");
        Gauge.builder("itsm.webhook.deliveries.open", this, m -> m.sample().open)
                .description("Deliveries not yet delivered or dead (pending, in flight, waiting for a resume)").register(registry);
        Gauge.builder("itsm.webhook.deliveries.oldest.due.age.seconds", this, m -> m.sample().oldestDueAgeSeconds)
                .description("How long the oldest due open delivery has been due (0 when none)").register(registry);
    }

    private Counter attempts(String outcome) {
        return Counter.builder("itsm.webhook.delivery.attempts").tag("outcome", outcome)
                .description("Delivery attempts by what came of them").register(registry);
    }

    /** Counts one recorded attempt (pings included). */
    void attempted(DeliveryState state, Outcome outcome) {
        if (delivered == null) {
            return; // before start-up
        }
        if (outcome.verdict() == Outcome.Verdict.GONE) {
            gone.increment();
        } else if (state == DeliveryState.DELIVERED) {
            delivered.increment();
        } else if (state == DeliveryState.DEAD) {
            dead.increment();
        } else {
            retried.increment();
        }
    }

    private synchronized DeliveryMetrics sample() {
        Instant now = clock.instant();
        if (sampledAt.plus(Duration.ofSeconds(2)).isAfter(now)) {
            return this;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select count(*), min(next_attempt_at) filter (where next_attempt_at <= ?)
                        from delivery where state in ('PENDING', 'IN_FLIGHT')""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                open = rs.getLong(1);
                Timestamp oldest = rs.getTimestamp(2);
                oldestDueAgeSeconds = oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), now).toMillis() / 1000.0);
            }
            sampledAt = now;
        } catch (SQLException e) {
            // the database is away: keep the last sample (the platform's readiness check reports the outage)
        }
        return this;
    }
}
