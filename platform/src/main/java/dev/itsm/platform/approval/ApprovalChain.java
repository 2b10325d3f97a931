package dev.itsm.platform.approval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.ProblemException;

/**
 * The approval rules as pure functions over a record's levels and decisions (a change, a service
 * request): sequential levels, ANY / ALL / QUORUM, no self-approval, no second decision by the same
 * approver at a level, and one rejection rejects the record.
 */
public final class ApprovalChain {

    /** Outcome of one decision. */
    public enum Result {
        /** The open level still waits for more approvals. */
        LEVEL_PENDING,
        /** The level passed and the next one opened ({@link Outcome#openedLevel()}). */
        NEXT_LEVEL_OPENED,
        /** The last level passed: the record is authorised. */
        APPROVED,
        /** The decision was a rejection: the record is rejected. */
        REJECTED
    }

    /** New levels + decisions after a decision, and what it caused. */
    public record Outcome(List<ApprovalLevel> levels, List<ApprovalDecision> decisions, Result result,
            Optional<ApprovalLevel> openedLevel) {
    }

    private ApprovalChain() {
    }

    /** Instantiates the levels on a record; level 1 opens at once (empty list: nothing to approve). */
    public static List<ApprovalLevel> start(List<LevelSpec> specs, Instant now) {
        List<ApprovalLevel> levels = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LevelSpec s = specs.get(i);
            levels.add(new ApprovalLevel(i + 1, s.name(), s.rule(), s.quorum(), s.approvers(),
                    i == 0 ? LevelStatus.OPEN : LevelStatus.WAITING, i == 0 ? now : null, null));
        }
        return List.copyOf(levels);
    }

    /** The level currently open for decisions, if any. */
    public static Optional<ApprovalLevel> openLevel(List<ApprovalLevel> levels) {
        return levels.stream().filter(l -> l.status() == LevelStatus.OPEN).findFirst();
    }

    /**
     * Records {@code approver}'s decision on the open level.
     *
     * @throws ProblemException 403 when the approver is not in the open level or is the requester,
     *                          409 when they already decided at this level or no level is open
     */
    public static Outcome decide(List<ApprovalLevel> levels, List<ApprovalDecision> decisions, String requester,
            String approver, Decision decision, String comment, Instant now) {
        ApprovalLevel open = openLevel(levels).orElseThrow(() -> new ConflictException("no-open-approval-level",
                "No approval level is open", "There is no approval level waiting for decisions"));
        if (approver.equals(requester) && decision == Decision.APPROVED) {
            throw new ProblemException(403, "self-approval", "Self-approval is not allowed",
                    approver + " requested this and cannot approve it", List.of(), Map.of("level", open.level()));
        }
        if (!open.approvers().contains(approver)) {
            throw new ProblemException(403, "not-an-approver", "Not an approver of the open level",
                    approver + " is not an approver of level " + open.level() + " (" + open.name() + ")",
                    List.of(), Map.of("level", open.level(), "approvers", open.approvers()));
        }
        boolean decided = decisions.stream().anyMatch(d -> d.level() == open.level() && d.approver().equals(approver));
        if (decided) {
            throw new ConflictException("already-decided", "Approver already decided",
                    approver + " already decided on level " + open.level() + "; a decision cannot be changed",
                    Map.of("level", open.level()));
        }
        List<ApprovalDecision> newDecisions = new ArrayList<>(decisions);
        newDecisions.add(new ApprovalDecision(open.level(), approver, decision, comment, now));
        List<ApprovalLevel> newLevels = new ArrayList<>(levels);
        int index = levels.indexOf(open);

        if (decision == Decision.REJECTED) {
            newLevels.set(index, open.with(LevelStatus.REJECTED, now));
            return new Outcome(List.copyOf(newLevels), List.copyOf(newDecisions), Result.REJECTED, Optional.empty());
        }
        long approvals = newDecisions.stream()
                .filter(d -> d.level() == open.level() && d.decision() == Decision.APPROVED).count();
        if (approvals < open.required(requester)) {
            return new Outcome(levels, List.copyOf(newDecisions), Result.LEVEL_PENDING, Optional.empty());
        }
        newLevels.set(index, open.with(LevelStatus.APPROVED, now));
        if (index + 1 < newLevels.size()) {
            ApprovalLevel next = newLevels.get(index + 1).with(LevelStatus.OPEN, now);
            newLevels.set(index + 1, next);
            return new Outcome(List.copyOf(newLevels), List.copyOf(newDecisions), Result.NEXT_LEVEL_OPENED, Optional.of(next));
        }
        return new Outcome(List.copyOf(newLevels), List.copyOf(newDecisions), Result.APPROVED, Optional.empty());
    }
}
