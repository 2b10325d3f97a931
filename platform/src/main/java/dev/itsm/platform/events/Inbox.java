package dev.itsm.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The idempotent-consumer record: {@code processed_event(consumer, event_id)}. The insert and the
 * effect share one transaction, so either both happen or neither does, and a redelivered event id
 * finds its row and is skipped.
 */
@ApplicationScoped
public class Inbox {

    private final DataSource dataSource;

    Inbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code effect} unless {@code consumer} has already processed {@code eventId}.
     *
     * @return true when the effect ran, false for a duplicate
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean processOnce(String consumer, String eventId, String eventType, Runnable effect) {
        if (!markProcessed(consumer, eventId, eventType)) {
            return false;
        }
        effect.run();
        return true;
    }

    private boolean markProcessed(String consumer, String eventId, String eventType) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        insert into processed_event (consumer, event_id, event_type, processed_at)
                        values (?, ?, ?, now()) on conflict do nothing""")) {
            ps.setString(1, consumer);
            ps.setString(2, eventId);
            ps.setString(3, eventType);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record processed event " + eventId, e);
        }
    }
}
