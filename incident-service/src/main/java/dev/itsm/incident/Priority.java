package dev.itsm.incident;

/** Priority derived from impact × urgency by the {@link PriorityMatrix}; P1 is the most urgent. */
public enum Priority {
    P1, P2, P3, P4, P5;

    /** P1 and P2: a breach of their SLA is written into the incident's history. */
    public boolean isHigh() {
        return this == P1 || this == P2;
    }
}
