package dev.itsm.platform.approval;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Status of one approval level. */
@Schema(name = "ApprovalLevelStatus")
public enum LevelStatus {
    /** Waits for the previous level. */
    WAITING,
    /** Open for decisions. */
    OPEN,
    APPROVED,
    REJECTED
}
