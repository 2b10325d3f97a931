package dev.itsm.change.approval;

import java.time.Instant;

/** One recorded decision (the approval history of a change). */
public record ApprovalDecision(int level, String approver, Decision decision, String comment, Instant decidedAt) {
}
