package dev.itsm.sla.timer;

/** Whether a timer's clock is counting. A breach does not stop the clock: time to resolve is still measured. */
public enum ClockPhase {
    RUNNING, PAUSED, STOPPED, CANCELED
}
