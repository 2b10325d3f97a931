package dev.itsm.platform.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.itsm.platform.events.DomainEvent;
import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class TicketService {

    private final DataSource ds;
    private final Outbox outbox;

    TicketService(DataSource ds, Outbox outbox) {
        this.ds = ds;
        this.outbox = outbox;
    }

    @Transactional
    public Ticket open(TicketRequest request) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        update("insert into ticket (id, title, state, version) values (?, ?, 'OPEN', 0)", id, request.title());
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
        int n = update("update ticket set state = 'CLOSED', version = version + 1 where id = ? and version = " + t.version(), id);
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

    public Page<Ticket> list(PageRequest page, String orderBy) {
        try (Connection c = ds.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from ticket"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Ticket> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, title, state, version from ticket order by " + orderBy + " limit ? offset ?")) {
                ps.setInt(1, page.size());
                ps.setInt(2, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new Ticket(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4)));
                    }
                }
            }
            return new Page<>(items, page.page(), page.size(), total);
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
