package dev.itsm.sla.timer;

import static dev.itsm.sla.timer.Command.CANCEL;
import static dev.itsm.sla.timer.Command.PAUSE;
import static dev.itsm.sla.timer.Command.REOPEN;
import static dev.itsm.sla.timer.Command.RESUME;
import static dev.itsm.sla.timer.Command.RETARGET;
import static dev.itsm.sla.timer.Command.STOP;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The timer's lifecycle: whether its clock is counting, and which commands each phase accepts (the
 * target phases are in {@link SlaTimer}'s command methods). A breach does not stop the clock (time to
 * resolve is still measured), so it is a flag on the timer, not a phase; {@link TimerState} is what
 * the API shows, derived from both.
 *
 * <pre>
 * RUNNING ──pause──▶ PAUSED ──resume──▶ RUNNING
 * RUNNING / PAUSED ──stop──▶ STOPPED ──reopen──▶ RUNNING
 * RUNNING / PAUSED ──cancel──▶ CANCELED (final);  RUNNING / PAUSED ──retarget──▶ same phase
 * </pre>
 */
public enum ClockPhase {
    RUNNING(PAUSE, STOP, RETARGET, CANCEL),
    PAUSED(RESUME, STOP, RETARGET, CANCEL),
    STOPPED(REOPEN),
    CANCELED;

    private final Set<Command> allowed;

    ClockPhase(Command... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(Command.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(Command command) {
        return allowed.contains(command);
    }

    /** Command names accepted in this phase (in {@link Command} order). */
    public List<String> allowedCommands() {
        return allowed.stream().map(Command::wireName).toList();
    }
}
