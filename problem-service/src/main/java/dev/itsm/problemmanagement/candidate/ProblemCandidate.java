package dev.itsm.problemmanagement.candidate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.itsm.platform.problem.IllegalTransitionException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A recurrence candidate: incidents of the sliding window that share a key (a CI, a service, or a CI they all depend
 * on) and are linked to no problem, at or above the kind's threshold. At most one OPEN candidate per key (unique
 * index); it gathers the key's later incidents until it is accepted (a problem is logged with them), dismissed, or
 * expires. Commands check the state ({@link CandidateState}) and throw {@link IllegalTransitionException} otherwise.
 */
@Entity
@Table(name = "problem_candidate")
public class ProblemCandidate extends PanacheEntityBase {

    /** An incident of a candidate: what grouping needs from the replica. */
    public record Member(UUID incidentId, UUID ciId, Instant openedAt) {
    }

    /** How a candidate's incidents are listed: by when they were opened, then by id. */
    public static final Comparator<Member> OLDEST_FIRST = Comparator.comparing(Member::openedAt)
            .thenComparing(Member::incidentId);

    /** A new candidate, its members (oldest first: to be stored in {@link CandidateMembers}) and the event announcing it. */
    public record Detection(ProblemCandidate candidate, List<Member> members, ProblemCandidateDetected event) {
    }

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private CandidateKind kind;
    @Column(name = "key_id")
    private UUID keyId;
    @Column(name = "key_name")
    private String keyName;
    @Column(name = "incident_count")
    private int incidentCount;
    @Column(name = "first_opened_at")
    private Instant firstOpenedAt;
    @Column(name = "last_opened_at")
    private Instant lastOpenedAt;
    @Enumerated(EnumType.STRING)
    private CandidateState state;
    @Column(name = "problem_id")
    private UUID problemId;
    @Column(name = "dismissed_until")
    private Instant dismissedUntil;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decision_reason")
    private String decisionReason;
    @Column(name = "detected_at")
    private Instant detectedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected ProblemCandidate() {
        // for JPA
    }

    /** A new OPEN candidate of {@code members} (at least one) and its {@link ProblemCandidateDetected}. */
    public static Detection detect(CandidateKind kind, UUID keyId, String keyName, List<Member> members,
            Instant windowStart, Instant now) {
        ProblemCandidate c = new ProblemCandidate();
        c.id = UUID.randomUUID();
        c.kind = kind;
        c.keyId = keyId;
        c.keyName = keyName;
        c.state = CandidateState.OPEN;
        c.detectedAt = now;
        List<Member> sorted = members.stream().sorted(OLDEST_FIRST).toList();
        c.span(sorted, sorted.size(), now);
        return new Detection(c, sorted, new ProblemCandidateDetected(c.id, kind, keyId, keyName,
                sorted.stream().map(Member::incidentId).toList(), c.incidentCount, c.firstOpenedAt, c.lastOpenedAt,
                windowStart, c.state, now, now));
    }

    /** {@code newcomers} were just added to this OPEN candidate's members: its count and span follow. */
    public void joined(List<Member> newcomers, Instant now) {
        requireOpen();
        if (!newcomers.isEmpty()) {
            span(newcomers, incidentCount + newcomers.size(), now);
        }
    }

    /**
     * This OPEN candidate's members are now exactly {@code members} (at least one): the sweep dropped those linked to a
     * problem or canceled meanwhile.
     */
    public void regrouped(List<Member> members, Instant now) {
        requireOpen();
        this.firstOpenedAt = null;
        this.lastOpenedAt = null;
        span(members, members.size(), now);
    }

    /** The count becomes {@code count}; the first and last opened instants widen to cover {@code members}. */
    private void span(List<Member> members, int count, Instant now) {
        this.incidentCount = count;
        for (Member m : members) {
            firstOpenedAt = firstOpenedAt == null || m.openedAt().isBefore(firstOpenedAt) ? m.openedAt() : firstOpenedAt;
            lastOpenedAt = lastOpenedAt == null || m.openedAt().isAfter(lastOpenedAt) ? m.openedAt() : lastOpenedAt;
        }
        this.updatedAt = now;
    }

    private void requireOpen() {
        if (state != CandidateState.OPEN) {
            throw new IllegalStateException("only an OPEN candidate gathers incidents; " + id + " is " + state);
        }
    }

    /** Accepted: {@code problemId} was logged with the candidate's incidents. */
    public void accept(UUID problemId, String actor, Instant now) {
        requireAllowed(CandidateCommand.ACCEPT);
        this.state = CandidateState.ACCEPTED;
        this.problemId = problemId;
        decided(actor, null, now);
    }

    /** Dismissed: no new candidate for this key before {@code quietUntil}. */
    public void dismiss(String reason, String actor, Instant now, Instant quietUntil) {
        requireAllowed(CandidateCommand.DISMISS);
        this.state = CandidateState.DISMISSED;
        this.dismissedUntil = quietUntil;
        decided(actor, reason, now);
    }

    /** Expired by the sweep: its newest incident left the window, or every incident is linked to a problem now. */
    public void expire(String why, Instant now) {
        if (state != CandidateState.OPEN) {
            throw new IllegalStateException("only an OPEN candidate expires; " + id + " is " + state);
        }
        this.state = CandidateState.EXPIRED;
        decided("problem-service", why, now);
    }

    private void decided(String actor, String reason, Instant now) {
        this.decidedBy = actor;
        this.decidedAt = now;
        this.decisionReason = reason;
        this.updatedAt = now;
    }

    /** Throws the 409 {@link IllegalTransitionException} unless the state accepts {@code command}. */
    public void checkAllowed(CandidateCommand command) {
        requireAllowed(command);
    }

    private void requireAllowed(CandidateCommand command) {
        if (!state.allows(command)) {
            throw new IllegalTransitionException("problem candidate", state, command.wire(), state.allowedCommands());
        }
    }

    public UUID id() { return id; }
    public CandidateKind kind() { return kind; }
    public UUID keyId() { return keyId; }
    public String keyName() { return keyName; }
    public int incidentCount() { return incidentCount; }
    public Instant firstOpenedAt() { return firstOpenedAt; }
    public Instant lastOpenedAt() { return lastOpenedAt; }
    public CandidateState state() { return state; }
    public UUID problemId() { return problemId; }
    public Instant dismissedUntil() { return dismissedUntil; }
    public String decidedBy() { return decidedBy; }
    public Instant decidedAt() { return decidedAt; }
    public String decisionReason() { return decisionReason; }
    public Instant detectedAt() { return detectedAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
