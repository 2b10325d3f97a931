package dev.itsm.platform.approval;

import java.time.Instant;

/** One recorded decision (the approval history of a record). */
public record ApprovalDecision(int level, String approver, Decision decision, String comment, Instant decidedAt) {
}
