package dev.itsm.monitoring.replica;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Plain SQL on the replica tables, on the connection of the current Hibernate session — so a handler's writes share
 * the platform inbox's transaction, and the processor's reads its own. JDBC rather than Hibernate's native queries
 * because the replicas bind {@code uuid[]} arrays and typed nulls, which Hibernate binds poorly. Parameters:
 * {@link UUID}, {@link Instant}, text, numbers, {@link java.time.LocalTime}, booleans, a {@link Collection} of UUIDs
 * (→ {@code uuid[]}), a {@code String[]} (→ {@code varchar[]}), or null.
 */
@ApplicationScoped
class ReplicaDatabase {

    /** Reads one row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final EntityManager em;

    ReplicaDatabase(EntityManager em) {
        this.em = em;
    }

    /** Runs an INSERT/UPDATE; the number of rows it changed. */
    int update(String sql, Object... args) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, args);
                return ps.executeUpdate();
            }
        });
    }

    /** Runs a query; its rows, read by {@code row}. */
    <T> List<T> query(String sql, Row<T> row, Object... args) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, args);
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row.read(rs));
                    }
                }
                return rows;
            }
        });
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            if (arg == null) {
                ps.setNull(index, Types.OTHER); // the server infers the type from the statement
            } else if (arg instanceof Instant instant) {
                ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
            } else if (arg instanceof Collection<?> ids) {
                ps.setArray(index, c.createArrayOf("uuid", ids.toArray(new UUID[0])));
            } else if (arg instanceof String[] texts) {
                ps.setArray(index, c.createArrayOf("varchar", texts));
            } else {
                ps.setObject(index, arg);
            }
        }
    }
}
