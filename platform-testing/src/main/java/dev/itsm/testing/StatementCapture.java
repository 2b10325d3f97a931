package dev.itsm.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Keeps the SQL Hibernate sends while a test asks it to, and gives its plan, so that a test EXPLAINs the very statement
 * the service runs rather than a hand-written look-alike. A service's tests turn it on with a bean of their own:
 *
 * <pre>{@code
 * @PersistenceUnitExtension
 * @ApplicationScoped
 * public class SqlCapture extends StatementCapture {
 * }
 * }</pre>
 *
 * (a bean here would be discovered by the tests of every service, those without Hibernate ORM included).
 */
public class StatementCapture implements StatementInspector {

    private static final List<String> CAPTURED = new ArrayList<>();
    private static boolean capturing;

    @Override
    public String inspect(String sql) {
        synchronized (CAPTURED) {
            if (capturing) {
                CAPTURED.add(sql);
            }
        }
        return sql;
    }

    /** The statements sent while {@code action} ran (other threads' included: filter them). */
    public static List<String> during(Runnable action) {
        synchronized (CAPTURED) {
            CAPTURED.clear();
            capturing = true;
        }
        try {
            action.run();
        } finally {
            synchronized (CAPTURED) {
                capturing = false;
            }
        }
        synchronized (CAPTURED) {
            return List.copyOf(CAPTURED);
        }
    }

    /**
     * A value for each {@code ?} of {@code sql}, chosen from the statement's text before it (stripped of trailing
     * blanks), e.g. the search pattern after {@code ilike} and a page limit anywhere else: for {@link #explain}.
     */
    public static Object[] values(String sql, Function<String, Object> byTextBefore) {
        String[] parts = sql.split("\\?", -1);
        Object[] values = new Object[parts.length - 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = byTextBefore.apply(parts[i].stripTrailing());
        }
        return values;
    }

    /**
     * The plan of a captured statement in {@code database} with these parameter values ({@code ?} in order; numbers as
     * numbers, anything else as a string literal): PREPARE + EXPLAIN EXECUTE, so the plan is the one PostgreSQL picks
     * for these values, as for the service's.
     */
    public static String explain(String database, String sql, Object... values) {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(ch);
            }
        }
        if (n != values.length) {
            throw new IllegalArgumentException(n + " parameters, " + values.length + " values: " + sql);
        }
        List<String> literals = new ArrayList<>();
        for (Object v : values) {
            literals.add(v instanceof Number ? v.toString() : "'" + v.toString().replace("'", "''") + "'");
        }
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(database), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword()); Statement s = c.createStatement()) {
            s.execute("prepare captured as " + numbered);
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("explain execute captured"
                    + (literals.isEmpty() ? "" : "(" + String.join(", ", literals) + ")"));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            s.execute("deallocate captured");
            return plan.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("explaining " + sql, e);
        }
    }
}
