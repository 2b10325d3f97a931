package dev.itsm.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Records every event of a batch in one statement, inside the caller's transaction, and returns
     * the ids it had not seen before: the events whose effects are to run. {@code events} hold each
     * id once (the batch drops copies first).
     */
    Set<String> markProcessed(String consumer, List<InboundEvent> events) {
        String[] ids = events.stream().map(InboundEvent::id).toArray(String[]::new);
        String[] types = events.stream().map(InboundEvent::type).toArray(String[]::new);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        insert into processed_event (consumer, event_id, event_type, processed_at)
                        select ?, e.id, e.type, now() from unnest(?::text[], ?::text[]) as e (id, type)
                        on conflict do nothing returning event_id""")) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setArray(3, c.createArrayOf("text", types));
            Set<String> fresh = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + ids.length + " processed events", e);
        }
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
