package dev.itsm.problemmanagement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a change is linked to a problem: the fix the problem follows, or just related. */
@Schema(name = "ProblemChangeRelation")
public enum ChangeRelation {
    /** Proposed as the fix ({@code propose-fix}): the problem follows the change's state. */
    FIX,
    /** Linked for reference only. */
    RELATED
}
