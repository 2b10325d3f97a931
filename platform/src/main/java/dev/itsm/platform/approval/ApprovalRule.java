package dev.itsm.platform.approval;

/** How many approvals a level needs. */
public enum ApprovalRule {
    /** One approval passes the level. */
    ANY,
    /** Every eligible approver must approve. */
    ALL,
    /** {@code quorum} approvals pass the level. */
    QUORUM
}
