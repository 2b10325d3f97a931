package dev.itsm.request;

import static dev.itsm.request.Command.APPROVE;
import static dev.itsm.request.Command.CANCEL;
import static dev.itsm.request.Command.CLOSE;
import static dev.itsm.request.Command.PROVIDE_INFO;
import static dev.itsm.request.Command.REJECT;
import static dev.itsm.request.Command.REQUEST_INFO;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The service request lifecycle: which commands each state accepts. The target states are in
 * {@link Request}'s command methods; {@link Request#allowedCommands()} narrows request-info and
 * provide-info by whether the request waits for its requester.
 *
 * <pre>
 * (create) SUBMITTED ─levels─▶ AWAITING_APPROVAL ─approve (last level)─▶ APPROVED ─(at once)─▶ IN_FULFILMENT
 *          SUBMITTED ─no levels─▶ APPROVED (automatic) ─▶ IN_FULFILMENT
 * AWAITING_APPROVAL ─reject─▶ REJECTED        IN_FULFILMENT ─every item fulfilled─▶ FULFILLED ─close (or auto-close)─▶ CLOSED
 * every state before FULFILLED ─cancel─▶ CANCELED                 (CLOSED, REJECTED, CANCELED are final)
 * </pre>
 * SUBMITTED and APPROVED are transient: they happen inside the transaction that leaves them, and are
 * visible in the events only.
 */
@Schema(name = "RequestState")
public enum RequestState {
    SUBMITTED(CANCEL),
    AWAITING_APPROVAL(APPROVE, REJECT, REQUEST_INFO, PROVIDE_INFO, CANCEL),
    APPROVED(CANCEL),
    IN_FULFILMENT(REQUEST_INFO, PROVIDE_INFO, CANCEL),
    FULFILLED(CLOSE),
    CLOSED,
    REJECTED,
    CANCELED;

    private final Set<Command> allowed;

    RequestState(Command... allowed) {
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

    Set<Command> commands() {
        return allowed.isEmpty() ? EnumSet.noneOf(Command.class) : EnumSet.copyOf(allowed);
    }
}
