package dev.itsm.problemmanagement;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Closes problems whose fix verification period ended with no recurrence (ProblemFixVerified,
 * ProblemClosed, KnownErrorRetired by actor {@code problem-service}); each problem in its own
 * transaction, so one that a matching incident reopens at the same moment only skips itself.
 */
@ApplicationScoped
public class FixVerificationCloser {

    private static final Logger LOG = Logger.getLogger(FixVerificationCloser.class);

    private final ProblemService problems;
    private final ProblemConfig config;
    private final Clock clock;

    FixVerificationCloser(ProblemService problems, ProblemConfig config, Clock clock) {
        this.problems = problems;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${problem.fix-verification.check-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        closeDue(clock.instant());
    }

    /** Closes every problem whose verification ended at or before {@code now}; returns how many it closed. */
    public int closeDue(Instant now) {
        int closed = 0;
        for (UUID id : due(now)) {
            try {
                if (problems.closeVerified(id, now)) {
                    closed++;
                }
            } catch (RuntimeException e) {
                // e.g. a matching incident reopened it at the same moment: no longer due; the next run decides again
                LOG.infof("Closing problem %s after fix verification skipped: %s", id, e.getMessage());
            }
        }
        if (closed > 0) {
            LOG.infof("Closed %d problems whose fix verification ended by %s", closed, now);
        }
        return closed;
    }

    /** Index problem_verification_due (partial, FIX_VERIFICATION only). */
    @Transactional
    List<UUID> due(Instant now) {
        return Panache.getEntityManager().createQuery("""
                select p.id from Problem p where p.state = :state and p.verificationEndsAt <= :now order by p.verificationEndsAt""",
                UUID.class)
                .setParameter("state", ProblemState.FIX_VERIFICATION)
                .setParameter("now", now)
                .setMaxResults(config.fixVerification().batchSize())
                .getResultList();
    }
}
