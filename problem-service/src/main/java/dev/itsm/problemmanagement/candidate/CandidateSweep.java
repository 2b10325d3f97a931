package dev.itsm.problemmanagement.candidate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Keeps OPEN candidates true to the window, every {@code problem.candidates.sweep-every}: a candidate whose newest
 * incident has left the window expires; incidents linked to a problem since leave their candidates (one left with
 * none expires); then the full re-scan ({@link CandidateDetector#rescan}) finds groups no IncidentOpened noticed.
 * Linking is thus reflected here and on read (views show only unlinked incidents); the problem core needs no call
 * into this package. One transaction per run.
 */
@ApplicationScoped
public class CandidateSweep {

    /** What one run did. */
    public record Result(int expired, int regrouped, int detected) {
    }

    private static final Logger LOG = Logger.getLogger(CandidateSweep.class);

    private final CandidateDetector detector;
    private final CandidateMembers members;
    private final CandidateConfig config;
    private final EntityManager em;
    private final Clock clock;

    CandidateSweep(CandidateDetector detector, CandidateMembers members, CandidateConfig config, EntityManager em,
            Clock clock) {
        this.detector = detector;
        this.members = members;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(every = "${problem.candidates.sweep-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Result r = sweep();
        if (r.expired() + r.regrouped() + r.detected() > 0) {
            LOG.infof("Candidate sweep: %d expired, %d regrouped, %d detected", r.expired(), r.regrouped(), r.detected());
        }
    }

    @Transactional
    public Result sweep() {
        Instant now = clock.instant();
        Instant from = now.minus(config.window());
        int expired = 0;
        List<ProblemCandidate> stale = ProblemCandidate.list("state = ?1 and lastOpenedAt < ?2", CandidateState.OPEN, from);
        for (ProblemCandidate c : stale) {
            c.expire("its newest incident left the window", now);
            expired++;
        }
        int regrouped = 0;
        for (ProblemCandidate c : withLinkedIncidents()) {
            List<ProblemCandidate.Member> current = detector.currentMembers(c.id());
            if (current.isEmpty()) {
                c.expire("every incident is linked to a problem", now); // it keeps the incidents it was about
                expired++;
            } else if (members.keepOnly(c.id(), current.stream().map(ProblemCandidate.Member::incidentId).toList()) > 0) {
                c.regrouped(current, now);
                regrouped++;
            }
        }
        return new Result(expired, regrouped, detector.rescan());
    }

    /** OPEN candidates holding an incident that is linked to a problem or canceled now. */
    private List<ProblemCandidate> withLinkedIncidents() {
        em.flush();
        return em.createNativeQuery("""
                select c.* from problem_candidate c where c.state = 'OPEN' and exists (
                    select 1 from problem_candidate_incident m join incident_replica i on i.incident_id = m.incident_id
                     where m.candidate_id = c.id
                       and (i.state = 'CANCELED' or exists (select 1 from problem_incident p where p.incident_id = i.incident_id)))""",
                ProblemCandidate.class).getResultList();
    }
}
