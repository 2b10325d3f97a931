package dev.itsm.monitoring.pipeline;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.monitoring.intake.IntakeQueue;
import dev.itsm.monitoring.intake.QueuedAlert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Sets aside a queue entry the processor failed on alone, for a reason that will not pass by itself (a value the
 * schema cannot hold, a bug): it moves to {@code alert_processing_failure} with the error, so the entries behind it
 * go on and nothing accepted is lost. Failures that pass by themselves (the database away, a deadlock) are never set
 * aside: the batch is simply tried again next round.
 */
@ApplicationScoped
public class ProcessingFailures {

    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01");

    @Inject
    EntityManager em;

    @Inject
    ProcessingLock lock;

    @Inject
    IntakeQueue queue;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /**
     * Moves entry {@code seq} — it must be the oldest, as it was when it failed alone — out of the queue; returns false
     * (and changes nothing) when another instance took it meanwhile.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean park(long seq, Throwable failure) {
        lock.acquire();
        List<QueuedAlert> oldest = queue.claim(1);
        if (oldest.isEmpty() || oldest.get(0).seq() != seq) {
            throw new NotOldestAnyMore();
        }
        try {
            em.createNativeQuery("""
                    insert into alert_processing_failure (seq, alert, error, failed_at)
                    values (?1, cast(?2 as jsonb), ?3, ?4)""")
                    .setParameter(1, seq)
                    .setParameter(2, json.writeValueAsString(oldest.get(0).alert()))
                    .setParameter(3, String.valueOf(rootCause(failure)))
                    .setParameter(4, clock.instant())
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    /** Thrown to roll the park back when the entry is gone or another one is older now. */
    static final class NotOldestAnyMore extends RuntimeException {
        NotOldestAnyMore() {
            super("the failed entry is no longer the oldest of the queue", null, false, false);
        }
    }

    /** A failure that passes by itself: the connection, the server's resources, a serialization failure, a deadlock. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state) || state.length() >= 2
                        && TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
            String type = t.getClass().getName();
            if (type.endsWith("JDBCConnectionException") || type.endsWith("LockAcquisitionException")
                    || type.endsWith("OptimisticLockException") || type.endsWith("StaleObjectStateException")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
