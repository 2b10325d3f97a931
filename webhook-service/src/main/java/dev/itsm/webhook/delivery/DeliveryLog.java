package dev.itsm.webhook.delivery;

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

import dev.itsm.platform.http.Count;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the delivery log: a subscription's deliveries newest first (keyset on the id), one delivery with its attempts. */
@ApplicationScoped
public class DeliveryLog {

    private static final Keyset.Column<DeliveryView> ID = Keyset.Column.of("d.id", Long.class, DeliveryView::id);
    private static final Keyset<DeliveryView> NEWEST_FIRST = Keyset.of(new Sort(List.of(new Sort.Order("d.id", true))),
            List.of(ID), List.of(ID));

    static final String COLUMNS = """
            d.id, e.event_id, e.type, e.subject, d.state, d.reason, d.attempts, d.next_attempt_at, d.last_attempt_at,
            d.last_status, d.last_duration_ms, d.last_error, d.delivered_at""";

    private final DataSource dataSource;

    DeliveryLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<DeliveryView> list(UUID subscriptionId, DeliveryState state, String eventType, PageRequest page) {
        List<Object> args = new ArrayList<>();
        List<String> where = new ArrayList<>();
        where.add("d.subscription_id = ?");
        args.add(subscriptionId);
        if (state != null) {
            where.add("d.state = ?");
            args.add(state.name());
        }
        if (eventType != null) {
            where.add("e.type = ?");
            args.add(eventType);
        }
        List<Object> filterArgs = List.copyOf(args);
        String filter = String.join(" and ", where);
        if (page.byCursor()) {
            where.add(NEWEST_FIRST.after(page.cursor(), value -> {
                args.add(value);
                return "?";
            }));
        }
        String sql = "select " + COLUMNS + " from delivery d join webhook_event e on e.id = d.event_ref where "
                + String.join(" and ", where) + " order by " + NEWEST_FIRST.orderBy() + " limit ? offset ?";
        try (Connection c = dataSource.getConnection()) {
            requireSubscription(c, subscriptionId);
            List<DeliveryView> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bind(ps, args);
                ps.setInt(i++, page.size() + 1);
                ps.setInt(i, page.byCursor() ? 0 : page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(view(rs));
                    }
                }
            }
            Count count = Count.of(page.count(), atMost -> countAtMost(c, filter, filterArgs, atMost));
            return NEWEST_FIRST.page(rows, page, count);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public DeliveryDetailView get(UUID subscriptionId, long deliveryId) {
        try (Connection c = dataSource.getConnection()) {
            DeliveryView delivery = find(c, subscriptionId, deliveryId);
            List<AttemptView> attempts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select attempt, started_at, duration_ms, status, error, response_prefix
                    from delivery_attempt where delivery_id = ? order by attempt""")) {
                ps.setLong(1, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        attempts.add(new AttemptView(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getInt(3),
                                (Integer) rs.getObject(4), rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return new DeliveryDetailView(delivery, attempts);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One delivery of a subscription, in the caller's connection (404 when it is not there). */
    static DeliveryView find(Connection c, UUID subscriptionId, long deliveryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from delivery d join webhook_event e on e.id = d.event_ref where d.subscription_id = ? and d.id = ?")) {
            ps.setObject(1, subscriptionId);
            ps.setLong(2, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("delivery", deliveryId);
                }
                return view(rs);
            }
        }
    }

    static void requireSubscription(Connection c, UUID subscriptionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from subscription where id = ?")) {
            ps.setObject(1, subscriptionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("subscription", subscriptionId);
                }
            }
        }
    }

    private static long countAtMost(Connection c, String filter, List<Object> args, long atMost) {
        String rows = "select 1 from delivery d join webhook_event e on e.id = d.event_ref where " + filter;
        String sql = atMost == Long.MAX_VALUE ? "select count(*) from (" + rows + ") m" : "select count(*) from (" + rows + " limit ?) m";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bind(ps, args);
            if (atMost != Long.MAX_VALUE) {
                ps.setLong(i, atMost);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            ps.setObject(i++, a);
        }
        return i;
    }

    static DeliveryView view(ResultSet rs) throws SQLException {
        DeliveryState state = DeliveryState.valueOf(rs.getString(5));
        boolean open = state == DeliveryState.PENDING || state == DeliveryState.IN_FLIGHT;
        return new DeliveryView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), state,
                DeliveryReason.valueOf(rs.getString(6)), rs.getInt(7), open ? instant(rs.getTimestamp(8)) : null,
                instant(rs.getTimestamp(9)), (Integer) rs.getObject(10), (Integer) rs.getObject(11), rs.getString(12),
                instant(rs.getTimestamp(13)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
