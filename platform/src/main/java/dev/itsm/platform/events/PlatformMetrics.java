package dev.itsm.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Prometheus metrics every service has (on {@code /q/metrics}): outbox lag (unpublished events and
 * the age of the oldest), parked events, events published, consumer lag and consumer outcomes.
 */
@ApplicationScoped
public class PlatformMetrics {

    private final DataSource dataSource;
    private final OutboxRelay relay;
    private final EventConsumer consumer;
    private final MeterRegistry registry;

    private volatile Instant sampledAt = Instant.EPOCH;
    private volatile long pending;
    private volatile long parked;
    private volatile double oldestAgeSeconds;

    PlatformMetrics(DataSource dataSource, OutboxRelay relay, EventConsumer consumer, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.consumer = consumer;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("itsm.outbox.pending.events", this, m -> m.sample().pending)
                .description("Events committed to the outbox and not yet published to Kafka").register(registry);
        Gauge.builder("itsm.outbox.oldest.pending.age.seconds", this, m -> m.sample().oldestAgeSeconds)
                .description("Age of the oldest unpublished outbox event (0 when none)").register(registry);
        Gauge.builder("itsm.outbox.parked.events", this, m -> m.sample().parked)
                .description("Outbox events parked because they can never be published (list and re-drive them through the admin API)")
                .register(registry);
        FunctionCounter.builder("itsm.outbox.published.events", relay, OutboxRelay::publishedTotal)
                .description("Outbox events published to Kafka by this instance").register(registry);
        Gauge.builder("itsm.outbox.relay.active", relay, r -> r.isLeader() ? 1 : 0)
                .description("1 when this instance holds the relay lock").register(registry);
        Gauge.builder("itsm.consumer.blocked.partitions", consumer, EventConsumer::blockedPartitions)
                .description("Partitions held on a record that failed transiently (retried without limit)").register(registry);
        Gauge.builder("itsm.consumer.lag.records", consumer, EventConsumer::lag)
                .description("Records on the consumed topics not processed yet").register(registry);
        FunctionCounter.builder("itsm.consumer.events", consumer, EventConsumer::handledTotal).tag("outcome", "handled")
                .description("Consumed events by outcome").register(registry);
        FunctionCounter.builder("itsm.consumer.events", consumer, EventConsumer::duplicatesTotal).tag("outcome", "duplicate")
                .description("Consumed events by outcome").register(registry);
        FunctionCounter.builder("itsm.consumer.events", consumer, EventConsumer::deadLetteredTotal).tag("outcome", "dead_lettered")
                .description("Consumed events by outcome").register(registry);
        FunctionCounter.builder("itsm.consumer.events", consumer, EventConsumer::passedOverTotal).tag("outcome", "passed_over")
                .description("Consumed events by outcome").register(registry);
        FunctionCounter.builder("itsm.consumer.transactions", consumer, EventConsumer::transactionsTotal)
                .description("Database transactions run to apply consumed events (a poll's batch is one)").register(registry);
    }

    /** One cheap query (partial index on pending rows), at most every 2 s however often it is scraped. */
    private synchronized PlatformMetrics sample() {
        if (sampledAt.plus(Duration.ofSeconds(2)).isAfter(Instant.now())) {
            return this;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        """
                        select count(*) filter (where failed_at is null), min(occurred_at) filter (where failed_at is null),
                               count(*) filter (where failed_at is not null)
                        from outbox_event where published_at is null""")) {
            ps.setQueryTimeout(5);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pending = rs.getLong(1);
                Timestamp oldest = rs.getTimestamp(2);
                oldestAgeSeconds = oldest == null ? 0 : Math.max(0, (System.currentTimeMillis() - oldest.getTime()) / 1000.0);
                parked = rs.getLong(3);
            }
        } catch (SQLException e) {
            // keep the last sample; the database being away shows up in readiness
        }
        sampledAt = Instant.now();
        return this;
    }
}
