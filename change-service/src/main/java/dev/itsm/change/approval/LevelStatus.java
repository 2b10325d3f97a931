package dev.itsm.change.approval;

/** Status of one approval level. */
public enum LevelStatus {
    /** Waits for the previous level. */
    WAITING,
    /** Open for decisions. */
    OPEN,
    APPROVED,
    REJECTED
}
