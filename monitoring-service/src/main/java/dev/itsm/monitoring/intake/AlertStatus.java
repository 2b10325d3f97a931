package dev.itsm.monitoring.intake;

/** What the monitoring tool says about the condition: still there, or gone. */
public enum AlertStatus {
    FIRING,
    RESOLVED
}
