package dev.itsm.webhook.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Keeps the delivery log and the stored events bounded: final deliveries (DELIVERED, DEAD) older than
 * {@code webhook.delivery.log-retention} go with their attempts; stored events older than
 * {@code webhook.event-retention} go once no delivery refers to them (an open delivery keeps its event, however old,
 * so nothing queued loses its body; a final one keeps it until the log forgets it). A ping whose instance died
 * mid-attempt is closed as DEAD once its lease is over (pings are never retried). Idempotent: every instance runs it.
 */
@ApplicationScoped
public class DeliveryHousekeeping {

    private static final Logger LOG = Logger.getLogger(DeliveryHousekeeping.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final WebhookDeliveryConfig config;
    private final Duration eventRetention;

    DeliveryHousekeeping(DataSource dataSource, Clock clock, WebhookDeliveryConfig config,
            @ConfigProperty(name = "webhook.event-retention", defaultValue = "7d") Duration eventRetention) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.eventRetention = eventRetention;
    }

    @Scheduled(every = "${webhook.delivery.cleanup-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        clean();
    }

    /** Removes what is past retention; returns {deliveries, events} removed. */
    @Transactional
    public int[] clean() {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    update delivery set state = 'DEAD', lease_until = null, last_error = 'ping interrupted', updated_at = ?
                    where reason = 'PING' and state = 'IN_FLIGHT' and lease_until < ?""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setTimestamp(2, Timestamp.from(now));
                ps.executeUpdate();
            }
            int deliveries;
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from delivery where state in ('DELIVERED', 'DEAD') and updated_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(config.logRetention())));
                deliveries = ps.executeUpdate();
            }
            int events;
            try (PreparedStatement ps = c.prepareStatement("""
                    delete from webhook_event e where e.received_at < ?
                    and not exists (select 1 from delivery d where d.event_ref = e.id)""")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(eventRetention)));
                events = ps.executeUpdate();
            }
            if (deliveries + events > 0) {
                LOG.infof("Housekeeping removed %d final deliveries and %d stored events", deliveries, events);
            }
            return new int[] { deliveries, events };
        } catch (SQLException e) {
            throw new IllegalStateException("webhook housekeeping failed", e);
        }
    }
}
