package dev.itsm.problemmanagement.candidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.TestInfrastructure;

/**
 * V33__candidate_members.sql on data written before it: a scratch database is migrated to V32, gets candidates with
 * their incidents in the old {@code incident_ids} array, and is migrated on. Every array element becomes one member
 * row (a repeated id once), opened at the replica's instant or, for an incident the replica does not hold, at the
 * candidate's first instant; the array column is gone.
 */
class CandidateMembersMigrationTest {

    static final String URL = TestInfrastructure.database("itsm_problem_v33_migration");

    static Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(URL, TestInfrastructure.dbUser(), TestInfrastructure.dbPassword())
                .locations("classpath:db/migration", "classpath:db/platform").cleanDisabled(false);
        return (target == null ? config : config.target(target)).load();
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, TestInfrastructure.dbUser(), TestInfrastructure.dbPassword());
    }

    @Test
    void theArrayOfEachCandidateBecomesItsMemberRows() throws SQLException {
        flyway(null).clean();
        flyway("32").migrate();

        Instant first = Instant.parse("2026-11-30T08:00:00Z");
        Instant replicaOpened = Instant.parse("2026-11-30T08:05:00Z");
        UUID known = UUID.randomUUID();    // in the replica
        UUID unknown = UUID.randomUUID();  // only in the array (its IncidentOpened was purged or never replicated)
        UUID other = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        try (Connection c = connect()) {
            exec(c, """
                    insert into incident_replica (incident_id, number, title, state, opened_at, occurred_at)
                    values (?, 'INC-1', 'Login fails', 'NEW', ?, ?)""",
                    known, Timestamp.from(replicaOpened), Timestamp.from(replicaOpened));
            candidate(c, busy, new UUID[] { known, unknown, known }, first);
            candidate(c, quiet, new UUID[] { other }, first);
        }

        flyway(null).migrate();

        try (Connection c = connect()) {
            assertEquals(List.of(busy + " " + unknown + " " + first, busy + " " + known + " " + replicaOpened,
                    quiet + " " + other + " " + first), members(c, busy));
            try (PreparedStatement ps = c.prepareStatement("""
                    select 1 from information_schema.columns
                    where table_name = 'problem_candidate' and column_name = 'incident_ids'""");
                    ResultSet rs = ps.executeQuery()) {
                assertFalse(rs.next(), "the array column is dropped");
            }
        }
    }

    static void candidate(Connection c, UUID id, UUID[] incidents, Instant first) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into problem_candidate (id, kind, key_id, key_name, incident_ids, incident_count, first_opened_at,
                    last_opened_at, state, detected_at, updated_at, version)
                values (?, 'SERVICE', ?, 'Payroll portal', ?, ?, ?, ?, 'OPEN', ?, ?, 0)""")) {
            Timestamp at = Timestamp.from(first);
            ps.setObject(1, id);
            ps.setObject(2, UUID.randomUUID());
            ps.setArray(3, c.createArrayOf("uuid", incidents));
            ps.setInt(4, incidents.length);
            ps.setTimestamp(5, at);
            ps.setTimestamp(6, at);
            ps.setTimestamp(7, at);
            ps.setTimestamp(8, at);
            ps.executeUpdate();
        }
    }

    static List<String> members(Connection c, UUID firstCandidate) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select candidate_id, incident_id, opened_at from problem_candidate_incident
                order by candidate_id = ? desc, opened_at, incident_id""")) {
            ps.setObject(1, firstCandidate);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getObject(1) + " " + rs.getObject(2) + " " + rs.getTimestamp(3).toInstant());
                }
            }
        }
        return rows;
    }

    static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
