package dev.itsm.platform.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class TransientFailuresTest {

    @Test
    void theDatabaseBeingAwayOrBusyIsTransient() {
        assertTrue(TransientFailures.isTransient(new IllegalStateException(new SQLException("I/O error", "08006"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("terminating connection", "57P01"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("could not serialize", "40001"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("deadlock detected", "40P01"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
        // what a database answers while it is closed to connections (ALTER DATABASE ... ALLOW_CONNECTIONS false)
        assertTrue(TransientFailures.isTransient(new IllegalStateException(new PSQLException(new ServerErrorMessage(
                "SFATAL\0VFATAL\0C55000\0Mdatabase \"itsm_sla\" is not currently accepting connections\0")))));
    }

    @Test
    void badDataBugsAndPoisonAreNot() {
        assertFalse(TransientFailures.isTransient(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(TransientFailures.isTransient(new PSQLException(new ServerErrorMessage(
                "SERROR\0VERROR\0C23505\0Mduplicate key value violates unique constraint\0"))));
        assertFalse(TransientFailures.isTransient(new IllegalStateException("handler refuses")));
        assertFalse(TransientFailures.isTransient(new PoisonEventException("bad", new SQLException("x", "08006"))));
    }
}
