package dev.itsm.problemmanagement.candidate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    /** A new candidate and the event announcing it. */
    public record Detection(ProblemCandidate candidate, ProblemCandidateDetected event) {
    }

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private CandidateKind kind;
    @Column(name = "key_id")
    private UUID keyId;
    @Column(name = "key_name")
    private String keyName;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "incident_ids", columnDefinition = "uuid[]")
    private List<UUID> incidentIds = new ArrayList<>();
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
        c.group(members, now);
        return new Detection(c, new ProblemCandidateDetected(c.id, kind, keyId, keyName, List.copyOf(c.incidentIds),
                c.incidentCount, c.firstOpenedAt, c.lastOpenedAt, windowStart, c.state, now, now));
    }

    /**
     * An OPEN candidate's incidents become {@code members} (the key's current group): incidents that joined are
     * added, those linked to a problem meanwhile are gone. False (nothing changed) when the membership is the same.
     */
    public boolean regroup(List<Member> members, Instant now) {
        if (state != CandidateState.OPEN) {
            return false; // an accepted, dismissed or expired candidate keeps the incidents it was decided on
        }
        List<UUID> before = List.copyOf(incidentIds);
        group(members, now);
        return !before.equals(incidentIds);
    }

    /**
     * Incidents of the key's current group join an OPEN candidate (those it has stay, oldest first, newcomers after);
     * false when none is new.
     */
    public boolean join(List<Member> group, Instant now) {
        if (state != CandidateState.OPEN) {
            return false;
        }
        List<Member> newcomers = group.stream().filter(m -> !incidentIds.contains(m.incidentId()))
                .sorted(Comparator.comparing(Member::openedAt).thenComparing(Member::incidentId)).toList();
        if (newcomers.isEmpty()) {
            return false;
        }
        List<UUID> ids = new ArrayList<>(incidentIds);
        newcomers.forEach(m -> ids.add(m.incidentId()));
        this.incidentIds = ids;
        this.incidentCount = ids.size();
        for (Member m : newcomers) {
            firstOpenedAt = firstOpenedAt == null || m.openedAt().isBefore(firstOpenedAt) ? m.openedAt() : firstOpenedAt;
            lastOpenedAt = lastOpenedAt == null || m.openedAt().isAfter(lastOpenedAt) ? m.openedAt() : lastOpenedAt;
        }
        this.updatedAt = now;
        return true;
    }

    private void group(List<Member> members, Instant now) {
        List<Member> sorted = members.stream()
                .sorted(Comparator.comparing(Member::openedAt).thenComparing(Member::incidentId)).toList();
        this.incidentIds = new ArrayList<>(sorted.stream().map(Member::incidentId).toList());
        this.incidentCount = sorted.size();
        if (!sorted.isEmpty()) {
            this.firstOpenedAt = sorted.get(0).openedAt();
            this.lastOpenedAt = sorted.get(sorted.size() - 1).openedAt();
        }
        this.updatedAt = now;
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
    public List<UUID> incidentIds() { return List.copyOf(incidentIds); }
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
