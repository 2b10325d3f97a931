package dev.itsm.incident;

import static dev.itsm.incident.Command.ACKNOWLEDGE;
import static dev.itsm.incident.Command.ASSIGN;
import static dev.itsm.incident.Command.CANCEL;
import static dev.itsm.incident.Command.CLOSE;
import static dev.itsm.incident.Command.DECLARE_MAJOR;
import static dev.itsm.incident.Command.HOLD;
import static dev.itsm.incident.Command.REOPEN;
import static dev.itsm.incident.Command.RESOLVE;
import static dev.itsm.incident.Command.RESUME;
import static dev.itsm.incident.Command.UPDATE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The incident lifecycle: which commands each state accepts. The target states are in
 * {@link Incident}'s command methods.
 *
 * <pre>
 * NEW ──acknowledge/assign──▶ IN_PROGRESS ◀──resume── ON_HOLD
 *                              │  ▲   └────hold─────▶   │
 *                      resolve │  │ reopen (window)      │ resolve
 *                              ▼  │                      ▼
 *                             RESOLVED ──close (or auto after N days)──▶ CLOSED
 * NEW / IN_PROGRESS / ON_HOLD ──cancel──▶ CANCELED          (CLOSED, CANCELED are final)
 * </pre>
 */
@Schema(name = "IncidentState")
public enum IncidentState {
    NEW(ACKNOWLEDGE, ASSIGN, UPDATE, DECLARE_MAJOR, CANCEL),
    IN_PROGRESS(ASSIGN, UPDATE, DECLARE_MAJOR, HOLD, RESOLVE, CANCEL),
    ON_HOLD(ASSIGN, UPDATE, DECLARE_MAJOR, RESUME, RESOLVE, CANCEL),
    RESOLVED(REOPEN, CLOSE),
    CLOSED,
    CANCELED;

    private final Set<Command> allowed;

    IncidentState(Command... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(Command.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(Command command) {
        return allowed.contains(command);
    }

    /** Open: work on it is still to be done (children of a major incident in these states resolve with it). */
    public boolean isOpen() {
        return this == NEW || this == IN_PROGRESS || this == ON_HOLD;
    }

    public boolean isFinal() {
        return allowed.isEmpty();
    }

    /** REST command names accepted in this state (in {@link Command} order). */
    public List<String> allowedCommands() {
        return allowed.stream().map(Command::wireName).toList();
    }
}
