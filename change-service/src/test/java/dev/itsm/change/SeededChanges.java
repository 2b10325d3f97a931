package dev.itsm.change;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import dev.itsm.testing.StatementCapture;
import dev.itsm.testing.TestInfrastructure;

/**
 * A few thousand change requests written straight into the table (numbers SEED000001…, requesters
 * seed-0…seed-49, no services, states before scheduling or final, so no schedule, calendar or suspect
 * check ever sees them), vacuumed and analysed, for tests that check the plans of the statements the
 * service sends.
 */
final class SeededChanges {

    static final String DATABASE = "itsm_change";
    static final int ROWS = 5000;

    private static boolean seeded;

    private SeededChanges() {
    }

    static synchronized void ensure() {
        if (seeded) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from change_request where number like 'SEED%'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    s.executeUpdate("""
                            insert into change_request (id, number, title, type, state, risk, planned_start, planned_end,
                                    approval_status, requested_by, created_at, updated_at, version)
                            select gen_random_uuid(), 'SEED' || lpad(g::text, 6, '0'),
                                   'Seeded ' || (array['patch', 'upgrade', 'migrate', 'rotate', 'resize'])[1 + g % 5] || ' w' || g,
                                   (array['NORMAL', 'EMERGENCY'])[1 + g % 2],
                                   (array['NEW', 'ASSESS', 'AUTHORIZE', 'REJECTED', 'CANCELED'])[1 + (g / 5) % 5],
                                   (array['LOW', 'MEDIUM', 'HIGH', null])[1 + g % 4],
                                   case when g % 3 = 0 then null else now() + g * interval '1 hour' end,
                                   case when g % 3 = 0 then null else now() + g * interval '1 hour' + interval '30 minutes' end,
                                   'NOT_STARTED', 'seed-' || g % 50,
                                   now() - g * interval '1 minute', now() - g * interval '1 minute', 0
                            from generate_series(1, ROWS) g""".replace("ROWS", Integer.toString(ROWS)));
                }
            }
            s.execute("vacuum analyze change_request");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        seeded = true;
    }

    /** The plan of a captured statement with these parameter values ({@link StatementCapture#explain}). */
    static String explain(String sql, Object... values) {
        return StatementCapture.explain(DATABASE, sql, values);
    }

    /** The page query among captured statements (the one with ORDER BY, not the count). */
    static String pageQuery(List<String> captured) {
        return captured.stream().filter(q -> q.contains("from change_request") && q.contains(" order by "))
                .findFirst().orElseThrow(() -> new AssertionError("no list query captured: " + captured));
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.database(DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword());
    }
}
