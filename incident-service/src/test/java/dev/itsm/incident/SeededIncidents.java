package dev.itsm.incident;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import dev.itsm.testing.StatementCapture;
import dev.itsm.testing.TestInfrastructure;

/**
 * A few thousand incidents written straight into the table (numbers SEED000001…, services no
 * one else uses, every state but RESOLVED so the auto-close job never sees them), vacuumed and analysed, for
 * tests that check the plans of the statements the service sends.
 */
final class SeededIncidents {

    static final int ROWS = 5000;
    /** Services of the seeded rows: row g belongs to SERVICES[g % 8]. */
    static final List<UUID> SERVICES = List.of(
            UUID.fromString("5eed0000-0000-4000-8000-000000000000"), UUID.fromString("5eed0000-0000-4000-8000-000000000001"),
            UUID.fromString("5eed0000-0000-4000-8000-000000000002"), UUID.fromString("5eed0000-0000-4000-8000-000000000003"),
            UUID.fromString("5eed0000-0000-4000-8000-000000000004"), UUID.fromString("5eed0000-0000-4000-8000-000000000005"),
            UUID.fromString("5eed0000-0000-4000-8000-000000000006"), UUID.fromString("5eed0000-0000-4000-8000-000000000007"));

    private static boolean seeded;

    private SeededIncidents() {
    }

    /** Seeds once per database; title of row g: "Seeded … issue w{g}", description "Generated row d{g}". */
    static synchronized void ensure() {
        if (seeded) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from incident where number like 'SEED%'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    s.executeUpdate("""
                            insert into incident (id, number, title, description, caller, service_id, impact, urgency,
                                    priority, state, assignment_group, assignee, opened_at, updated_at, version)
                            select gen_random_uuid(), 'SEED' || lpad(g::text, 6, '0'),
                                   'Seeded ' || (array['printer', 'network', 'mail', 'vpn', 'disk'])[1 + g % 5] || ' issue w' || g,
                                   'Generated row d' || g, 'seed@example.com',
                                   ('5eed0000-0000-4000-8000-00000000000' || (g % 8))::uuid, 'MEDIUM', 'MEDIUM',
                                   (array['P1', 'P2', 'P3', 'P4', 'P5'])[1 + g % 5],
                                   (array['NEW', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED', 'CANCELED'])[1 + (g / 5) % 5],
                                   'group-' || g % 20, 'agent-' || g % 50,
                                   now() - g * interval '1 minute', now() - g * interval '1 minute', 0
                            from generate_series(1, ROWS) g""".replace("ROWS", Integer.toString(ROWS)));
                }
            }
            // VACUUM also moves the new rows from the GIN index's pending list into the index proper (as
            // autovacuum does on a live table); a pending list of thousands of rows makes the planner avoid it
            s.execute("vacuum analyze incident");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        seeded = true;
    }

    /** The plan of a captured statement with these parameter values ({@link StatementCapture#explain}). */
    static String explain(String sql, Object... values) {
        return StatementCapture.explain(Fixtures.DATABASE, sql, values);
    }

    /** The page query among captured statements (the one with ORDER BY, not the count). */
    static String pageQuery(List<String> captured) {
        return captured.stream().filter(q -> q.contains("from incident i1_0") && q.contains(" order by ") && !q.contains("count("))
                .findFirst().orElseThrow(() -> new AssertionError("no list query captured: " + captured));
    }

    static Connection connect() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.database(Fixtures.DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword());
    }
}
