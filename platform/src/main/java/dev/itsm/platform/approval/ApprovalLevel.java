package dev.itsm.platform.approval;

import java.time.Instant;
import java.util.List;

/**
 * One level of an approval chain (a change's, a service request's): a named group of approvers and
 * the rule that passes it.
 * Levels run in sequence: level n+1 opens only when level n is APPROVED.
 */
public record ApprovalLevel(int level, String name, ApprovalRule rule, int quorum, List<String> approvers,
        LevelStatus status, Instant openedAt, Instant closedAt) {

    public ApprovalLevel {
        approvers = List.copyOf(approvers);
    }

    /** Approvals needed to pass, given that the requester may not approve their own record. */
    public int required(String requester) {
        return switch (rule) {
            case ANY -> 1;
            case QUORUM -> quorum;
            case ALL -> (int) approvers.stream().filter(a -> !a.equals(requester)).count();
        };
    }

    ApprovalLevel with(LevelStatus newStatus, Instant at) {
        return new ApprovalLevel(level, name, rule, quorum, approvers, newStatus,
                newStatus == LevelStatus.OPEN ? at : openedAt,
                newStatus == LevelStatus.APPROVED || newStatus == LevelStatus.REJECTED ? at : closedAt);
    }
}
