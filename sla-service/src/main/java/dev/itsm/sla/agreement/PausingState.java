package dev.itsm.sla.agreement;

/** Incident states an agreement may pause its clocks in (RESOLVED stops, CANCELED cancels, CLOSED ends). */
public enum PausingState {
    NEW, IN_PROGRESS, ON_HOLD
}
