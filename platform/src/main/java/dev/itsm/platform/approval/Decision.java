package dev.itsm.platform.approval;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an approver decided. */
@Schema(name = "ApprovalOutcome")
public enum Decision {
    APPROVED, REJECTED
}
