package dev.itsm.platform.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void theDatabaseBeingAwayOrBusyIsTransient() {
        assertTrue(TransientFailures.isTransient(new IllegalStateException(new SQLException("I/O error", "08006"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("terminating connection", "57P01"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("could not serialize", "40001"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("deadlock detected", "40P01"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void badDataBugsAndPoisonAreNot() {
        assertFalse(TransientFailures.isTransient(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(TransientFailures.isTransient(new IllegalStateException("handler refuses")));
        assertFalse(TransientFailures.isTransient(new PoisonEventException("bad", new SQLException("x", "08006"))));
    }
}
