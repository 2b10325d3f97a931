package dev.itsm.sla.timer;

import java.util.Locale;

/** What incident events ask of a timer. Which phase accepts which command is in {@link ClockPhase}. */
public enum Command {
    PAUSE, RESUME, STOP, REOPEN, RETARGET, CANCEL;

    /** The name used in a 409 problem and in logs ({@code pause}, {@code retarget} …). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
