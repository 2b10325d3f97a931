package dev.itsm.platform.approval;

/** Where the authorisation of a record (a change, a service request) stands. */
public enum ApprovalStatus {
    /** Not asked for yet (a change in NEW or ASSESS). */
    NOT_STARTED,
    /** Nothing to approve: pre-authorised (a STANDARD change) or no level applies (a free request). */
    NOT_REQUIRED,
    /** A level is open and waits for decisions. */
    PENDING,
    /** Every level passed. */
    APPROVED,
    /** A level rejected the record. */
    REJECTED
}
