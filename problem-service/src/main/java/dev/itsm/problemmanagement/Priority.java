package dev.itsm.problemmanagement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Priority derived from impact × urgency by the {@link PriorityMatrix}; P1 is the most urgent. */
@Schema(name = "ProblemPriority", description = "P1 (most urgent) .. P5, from impact × urgency")
public enum Priority {
    P1, P2, P3, P4, P5
}
