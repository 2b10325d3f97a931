package dev.itsm.sla.agreement;

/** Why an incident is ON_HOLD (incident contract). */
public enum HoldReason {
    AWAITING_CALLER, AWAITING_VENDOR, AWAITING_CHANGE
}
