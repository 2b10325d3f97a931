package dev.itsm.change.request;

import static dev.itsm.change.request.Command.APPROVE;
import static dev.itsm.change.request.Command.CANCEL;
import static dev.itsm.change.request.Command.CLOSE;
import static dev.itsm.change.request.Command.COMPLETE;
import static dev.itsm.change.request.Command.EDIT_CONTENT;
import static dev.itsm.change.request.Command.LINK_INCIDENT;
import static dev.itsm.change.request.Command.REJECT;
import static dev.itsm.change.request.Command.SCHEDULE;
import static dev.itsm.change.request.Command.START;
import static dev.itsm.change.request.Command.SUBMIT;
import static dev.itsm.change.request.Command.UPDATE;

import java.util.EnumSet;
import java.util.Set;

/**
 * The change lifecycle: which commands each state accepts. Type and approval status narrow the set
 * further ({@link ChangeRequest#allows}); the target states are in {@link ChangeRequest}'s commands.
 *
 * <pre>
 * NORMAL:    NEW -submit-> ASSESS -assess-> AUTHORIZE -(approve...)-> [approved] -schedule-> SCHEDULED
 * EMERGENCY: NEW -submit-> AUTHORIZE (emergency change authority) -(approve)-> -schedule-> SCHEDULED
 * STANDARD:  NEW -schedule-> SCHEDULED (pre-authorised, still conflict-checked)
 * all:       SCHEDULED -start-> IMPLEMENT -complete-> REVIEW -close-> CLOSED
 *            cancel from every non-final state; a rejection at any level -> REJECTED
 * </pre>
 *
 * A PATCH ({@code UPDATE}) may move the planned window until implementation starts; the content
 * ({@code EDIT_CONTENT}) only in NEW.
 */
public enum ChangeState {
    NEW(SUBMIT, SCHEDULE, UPDATE, EDIT_CONTENT, CANCEL, LINK_INCIDENT),
    ASSESS(Command.ASSESS, UPDATE, CANCEL, LINK_INCIDENT),
    AUTHORIZE(APPROVE, REJECT, SCHEDULE, UPDATE, CANCEL, LINK_INCIDENT),
    SCHEDULED(START, UPDATE, CANCEL, LINK_INCIDENT),
    IMPLEMENT(COMPLETE, CANCEL, LINK_INCIDENT),
    REVIEW(CLOSE, CANCEL, LINK_INCIDENT),
    CLOSED(LINK_INCIDENT),
    CANCELED,
    REJECTED(LINK_INCIDENT);

    private final Set<Command> allowed;

    ChangeState(Command... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(Command.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(Command command) {
        return allowed.contains(command);
    }

    public boolean isFinal() {
        return this == CLOSED || this == CANCELED || this == REJECTED;
    }
}
