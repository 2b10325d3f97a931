package dev.itsm.sla.timer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an SLA target measures. */
@Schema(name = "SlaMetric")
public enum Metric {
    /** Opened → first acknowledged or assigned. */
    TIME_TO_RESPOND,
    /** Opened → resolved (time spent resolved before a reopen does not count). */
    TIME_TO_RESOLVE
}
