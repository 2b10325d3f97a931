package dev.itsm.platform.events;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.postgresql.util.PSQLException;

/**
 * Tells a failure that will pass by itself (the database restarting or failing over, the pool
 * unable to hand out a connection, a serialization failure or a deadlock) from one that will not (a
 * bug or a bad event). The consumer retries the first kind without limit and never dead-letters it:
 * throwing such an event away would lose an effect for good and apply the aggregate's later events
 * out of order.
 */
final class TransientFailures {

    /** SQLState classes and codes that describe the server or the connection, not the statement. */
    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of(
            "08", // connection exception
            "53", // insufficient resources (too many connections, out of memory, disk full)
            "57"); // operator intervention: admin shutdown, crash shutdown, cannot connect now
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "40001", // serialization failure
            "40P01"); // deadlock detected
    private static final Set<String> SESSION_ENDING_SEVERITIES = Set.of("FATAL", "PANIC");
    /** Exception types from layers above JDBC that mean the same, matched by name to avoid depending on them. */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.OptimisticLockException",
            "org.hibernate.StaleObjectStateException");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException) {
                return false;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (TRANSIENT_STATES.contains(state)
                        || (state.length() >= 2 && TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2))))) {
                    return true;
                }
                // Agroal's pool gives no SQLState when no connection could be had in time
                if (state == null && String.valueOf(sql.getMessage()).toLowerCase().contains("acquisition timeout")) {
                    return true;
                }
            }
            // A FATAL or PANIC error from the server means it refused or ended the session (the database
            // not accepting connections, 55000; starting up or shutting down), whatever its SQLState.
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null
                    && SESSION_ENDING_SEVERITIES.contains(psql.getServerErrorMessage().getSeverity())) {
                return true;
            }
            if (TRANSIENT_TYPES.contains(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }
}
