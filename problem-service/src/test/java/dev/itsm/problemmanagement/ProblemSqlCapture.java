package dev.itsm.problemmanagement;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the SQL Hibernate sends while a test asks it to, so that a test can EXPLAIN the very statement
 * the service runs rather than a hand-written look-alike (as incident-service's SqlCapture).
 */
@PersistenceUnitExtension
@ApplicationScoped
public class ProblemSqlCapture implements StatementInspector {

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
}
