package dev.itsm.change.approval;

/** Where the authorisation of a change stands. */
public enum ApprovalStatus {
    /** Not asked for yet (NEW, ASSESS). */
    NOT_STARTED,
    /** Pre-authorised by its change model (STANDARD). */
    NOT_REQUIRED,
    /** A level is open and waits for decisions. */
    PENDING,
    /** Every level passed. */
    APPROVED,
    /** A level rejected the change. */
    REJECTED
}
