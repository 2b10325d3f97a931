package dev.itsm.sla.timer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The state a timer shows: derived from its clock phase and whether it has breached. */
@Schema(name = "SlaTimerState")
public enum TimerState {
    RUNNING, PAUSED, MET, BREACHED, CANCELED
}
