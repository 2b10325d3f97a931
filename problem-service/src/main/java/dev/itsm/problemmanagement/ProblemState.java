package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.Command.CANCEL;
import static dev.itsm.problemmanagement.Command.CLOSE;
import static dev.itsm.problemmanagement.Command.LINK_CHANGE;
import static dev.itsm.problemmanagement.Command.LINK_INCIDENT;
import static dev.itsm.problemmanagement.Command.PROPOSE_FIX;
import static dev.itsm.problemmanagement.Command.PUBLISH_KNOWN_ERROR;
import static dev.itsm.problemmanagement.Command.RECORD_ROOT_CAUSE;
import static dev.itsm.problemmanagement.Command.REOPEN;
import static dev.itsm.problemmanagement.Command.RESOLVE;
import static dev.itsm.problemmanagement.Command.START_ANALYSIS;
import static dev.itsm.problemmanagement.Command.UPDATE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The problem lifecycle (ITIL 4 problem management): which commands each state accepts. The target
 * states are in {@link Problem}'s command methods.
 *
 * <pre>
 * LOGGED ─start-analysis─▶ UNDER_ANALYSIS ─record-root-cause─▶ ROOT_CAUSE_KNOWN ─publish-known-error─▶ KNOWN_ERROR
 *   KNOWN_ERROR ─propose-fix─▶ FIX_IN_PROGRESS ─resolve (fix change implemented; also automatic)─▶ FIX_VERIFICATION
 *   FIX_IN_PROGRESS ─fix change canceled/rejected─▶ KNOWN_ERROR       KNOWN_ERROR ─publish-known-error─▶ (revision)
 *   FIX_VERIFICATION ─period over (automatic) or close─▶ CLOSED       FIX_VERIFICATION ─reopen (or matching incident)─▶ KNOWN_ERROR
 * every state but CLOSED ─cancel─▶ CANCELED                          (CLOSED, CANCELED are final)
 * </pre>
 */
@Schema(name = "ProblemState")
public enum ProblemState {
    LOGGED(START_ANALYSIS, UPDATE, LINK_INCIDENT, LINK_CHANGE, CANCEL),
    UNDER_ANALYSIS(RECORD_ROOT_CAUSE, UPDATE, LINK_INCIDENT, LINK_CHANGE, CANCEL),
    ROOT_CAUSE_KNOWN(PUBLISH_KNOWN_ERROR, UPDATE, LINK_INCIDENT, LINK_CHANGE, CANCEL),
    KNOWN_ERROR(PUBLISH_KNOWN_ERROR, PROPOSE_FIX, UPDATE, LINK_INCIDENT, LINK_CHANGE, CANCEL),
    FIX_IN_PROGRESS(RESOLVE, UPDATE, LINK_INCIDENT, LINK_CHANGE, CANCEL),
    FIX_VERIFICATION(REOPEN, CLOSE, UPDATE, LINK_INCIDENT, LINK_CHANGE, CANCEL),
    CLOSED,
    CANCELED;

    private final Set<Command> allowed;

    ProblemState(Command... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(Command.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(Command command) {
        return allowed.contains(command);
    }

    public boolean isFinal() {
        return allowed.isEmpty();
    }

    /** REST command names accepted in this state (in {@link Command} order). */
    public List<String> allowedCommands() {
        return allowed.stream().map(Command::wireName).toList();
    }
}
