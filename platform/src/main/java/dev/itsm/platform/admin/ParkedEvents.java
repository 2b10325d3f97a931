package dev.itsm.platform.admin;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outbox rows {@code OutboxRelay} parked, for operators: list them with their error, and set
 * them pending again once the cause is gone (a raised size limit, a fixed row). Re-driving a row
 * re-drives the rows of its aggregate parked behind it, so they go out in their order.
 */
@ApplicationScoped
public class ParkedEvents {

    private static final String LIST = """
            select id, event_id, topic, event_type, aggregate_id, occurred_at, octet_length(payload) as payload_bytes,
                   failed_at, failure
            from outbox_event where failed_at is not null and published_at is null
            order by id limit ?""";

    private static final String REDRIVE_ALL = """
            update outbox_event set failed_at = null, failure = null
            where failed_at is not null and published_at is null""";

    private static final String REDRIVE = """
            update outbox_event o set failed_at = null, failure = null
            where o.failed_at is not null and o.published_at is null
              and exists (select 1 from outbox_event h
                          where h.id = any(?) and h.topic = o.topic and h.aggregate_id = o.aggregate_id and h.id <= o.id)""";

    private final DataSource dataSource;

    ParkedEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The oldest {@code limit} parked rows, oldest first. */
    public List<ParkedEvent> list(int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setInt(1, limit);
            List<ParkedEvent> parked = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parked.add(new ParkedEvent(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("topic"),
                            rs.getString("event_type"), rs.getString("aggregate_id"), instant(rs.getTimestamp("occurred_at")),
                            rs.getInt("payload_bytes"), instant(rs.getTimestamp("failed_at")), rs.getString("failure")));
                }
            }
            return parked;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list parked outbox rows", e);
        }
    }

    /** Sets the given rows (and the rows parked behind them), or all parked rows when {@code ids} is null, pending again. */
    public int redrive(List<Long> ids) {
        try (Connection c = dataSource.getConnection()) {
            int redriven;
            if (ids == null) {
                try (PreparedStatement ps = c.prepareStatement(REDRIVE_ALL)) {
                    redriven = ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(REDRIVE)) {
                    Array array = c.createArrayOf("bigint", ids.toArray());
                    ps.setArray(1, array);
                    redriven = ps.executeUpdate();
                }
            }
            if (redriven > 0) {
                // wake the relay now rather than at its next poll
                try (PreparedStatement ps = c.prepareStatement("select pg_notify('itsm_outbox', '')")) {
                    ps.execute();
                }
            }
            return redriven;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not re-drive parked outbox rows", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
