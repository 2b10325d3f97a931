package dev.itsm.incident;

/** Why work on an incident waits. */
public enum HoldReason {
    AWAITING_CALLER, AWAITING_VENDOR, AWAITING_CHANGE
}
