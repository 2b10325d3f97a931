package dev.itsm.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Priority derived from impact × urgency by the {@link PriorityMatrix}; P1 is the most urgent. */
@Schema(name = "IncidentPriority", description = "P1 (most urgent) .. P5, from impact × urgency")
public enum Priority {
    P1, P2, P3, P4, P5;

    /** P1 and P2: a breach of their SLA is written into the incident's history. */
    public boolean isHigh() {
        return this == P1 || this == P2;
    }
}
