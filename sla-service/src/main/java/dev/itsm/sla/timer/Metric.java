package dev.itsm.sla.timer;

/** What an SLA target measures. */
public enum Metric {
    /** Opened → first acknowledged or assigned. */
    TIME_TO_RESPOND,
    /** Opened → resolved (time spent resolved before a reopen does not count). */
    TIME_TO_RESOLVE
}
