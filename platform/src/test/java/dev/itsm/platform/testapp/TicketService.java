package dev.itsm.platform.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.itsm.platform.events.DomainEvent;
import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Count;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class TicketService {

    /** A ticket row with the columns its list is ordered by. */
    record Row(Ticket ticket, Instant updatedAt) {
    }

    static final Keyset.Column<Row> TITLE = Keyset.Column.of("title", String.class, r -> r.ticket().title());
    static final Keyset.Column<Row> STATE = Keyset.Column.of("state", String.class, r -> r.ticket().state());
    static final Keyset.Column<Row> UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, Row::updatedAt);
    static final Keyset.Column<Row> ID = Keyset.Column.of("id", UUID.class, r -> r.ticket().id());

    private final DataSource ds;
    private final Outbox outbox;
    private final Clock clock;

    TicketService(DataSource ds, Outbox outbox, Clock clock) {
        this.ds = ds;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Ticket open(TicketRequest request) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        update("insert into ticket (id, title, state, version, updated_at) values (?, ?, 'OPEN', 0, ?)", id, request.title(),
                java.sql.Timestamp.from(clock.instant()));
        List<DomainEvent> events = new ArrayList<>();
        events.add(new TicketEvent.TicketOpened(id.toString(), request.title(), now));
        for (int i = 1; i <= request.renames(); i++) {
            events.add(new TicketEvent.TicketRenamed(id.toString(), request.title() + " #" + i, i, now));
        }
        outbox.appendAll(events);
        return get(id);
    }

    @Transactional
    public Ticket close(UUID id, String ifMatch) {
        Ticket t = get(id);
        ETags.requireMatch(ifMatch, t.version());
        if (!t.state().equals("OPEN")) {
            throw new IllegalTransitionException("ticket", t.state(), "close", List.of());
        }
        int n = update("update ticket set state = 'CLOSED', version = version + 1, updated_at = ? where id = ? and version = "
                + t.version(), java.sql.Timestamp.from(clock.instant()), id);
        if (n == 0) {
            throw new IllegalStateException("OptimisticLock: ticket changed concurrently");
        }
        outbox.append(new TicketEvent.TicketClosed(id.toString(), Instant.now()));
        return get(id);
    }

    public Ticket get(UUID id) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select id, title, state, version from ticket where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("Ticket", id);
                }
                return new Ticket(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One page in {@code sort}'s order (keyset-paged), or of the changes feed when {@code feed} is given;
     * the reference use of the platform's {@link Keyset}, {@link Count} and {@link ChangesFeed}.
     */
    public Page<Ticket> list(PageRequest page, Sort sort, ChangesFeed.Window feed) {
        Keyset<Row> keys = feed != null ? Keyset.ascending(List.of(UPDATED_AT, ID))
                : Keyset.of(sort, List.of(TITLE, STATE), List.of(ID));
        List<Object> args = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (feed != null) {
            where.add("updated_at >= ? and updated_at < ?");
            args.add(java.sql.Timestamp.from(feed.since()));
            args.add(java.sql.Timestamp.from(feed.horizon()));
        }
        List<Object> filterArgs = List.copyOf(args);
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        if (page.byCursor()) {
            where.add(keys.after(page.cursor(), value -> {
                args.add(value instanceof Instant i ? java.sql.Timestamp.from(i) : value);
                return "?";
            }));
        }
        String sql = "select id, title, state, version, updated_at from ticket"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by " + keys.orderBy() + " limit ? offset ?";
        try (Connection c = ds.getConnection()) {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Object a : args) {
                    ps.setObject(i++, a);
                }
                ps.setInt(i++, page.size() + 1);
                ps.setInt(i, page.byCursor() ? 0 : page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(new Ticket(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4)),
                                rs.getTimestamp(5).toInstant()));
                    }
                }
            }
            Count count = Count.of(page.count(), atMost -> countAtMost(c, filter, filterArgs, atMost));
            Page<Row> result = feed != null ? ChangesFeed.page(keys, rows, page, count) : keys.page(rows, page, count);
            return result.map(Row::ticket);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count(*)} of the matching rows, looking at no more than {@code atMost} of them. */
    private static long countAtMost(Connection c, String filter, List<Object> args, long atMost) {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from (select 1 from ticket" + filter + " limit ?) m")) {
            int i = 1;
            for (Object a : args) {
                ps.setObject(i++, a);
            }
            ps.setLong(i, atMost);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
