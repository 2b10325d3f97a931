package dev.itsm.sla.agreement;

/** Incident priority (incident contract). */
public enum Priority {
    P1, P2, P3, P4, P5
}
