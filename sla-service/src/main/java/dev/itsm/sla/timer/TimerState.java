package dev.itsm.sla.timer;

/** The state a timer shows: derived from its clock phase and whether it has breached. */
public enum TimerState {
    RUNNING, PAUSED, MET, BREACHED, CANCELED
}
