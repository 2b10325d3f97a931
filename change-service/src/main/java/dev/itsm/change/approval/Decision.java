package dev.itsm.change.approval;

/** What an approver decided. */
public enum Decision {
    APPROVED, REJECTED
}
