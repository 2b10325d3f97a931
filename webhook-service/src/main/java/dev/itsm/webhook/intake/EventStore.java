package dev.itsm.webhook.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes {@code webhook_event} rows in the caller's transaction. */
@ApplicationScoped
public class EventStore {

    private static final String INSERT = """
            insert into webhook_event (event_id, topic, type, source, subject, time, data_content_type, data, received_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (source, event_id) do nothing
            returning id""";

    private final DataSource dataSource;

    EventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the event; empty when an event with its source and id is stored already (a copy: the inbox forgets
     * after its retention, this table does not while the event is kept), so the caller makes no second delivery.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OptionalLong store(StoredEvent e, Instant receivedAt) {
        // the connection is the one enlisted in the current transaction
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, e.eventId());
            ps.setString(2, e.topic());
            ps.setString(3, e.type());
            ps.setString(4, e.source());
            ps.setString(5, e.subject());
            ps.setTimestamp(6, Timestamp.from(e.time()));
            ps.setString(7, e.dataContentType());
            ps.setBytes(8, e.data());
            ps.setTimestamp(9, Timestamp.from(receivedAt));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not store event " + e.eventId(), ex);
        }
    }
}
