package dev.itsm.change;

import java.util.List;

/**
 * The state machine in one table: which commands a change of a given type accepts in a given state.
 * <pre>
 * NORMAL:    NEW -submit-> ASSESS -assess-> AUTHORIZE -(approve...)-> [approved] -schedule-> SCHEDULED
 * EMERGENCY: NEW -submit-> AUTHORIZE (emergency change authority) -(approve)-> -schedule-> SCHEDULED
 * STANDARD:  NEW -schedule-> SCHEDULED (pre-authorised, still conflict-checked)
 * all:       SCHEDULED -start-> IMPLEMENT -complete-> REVIEW -close-> CLOSED
 *            cancel from every non-final state; a rejection at any level -> REJECTED
 * </pre>
 */
public final class ChangeLifecycle {

    public static final String SUBMIT = "submit";
    public static final String ASSESS = "assess";
    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";
    public static final String SCHEDULE = "schedule";
    public static final String START = "start";
    public static final String COMPLETE = "complete";
    public static final String CLOSE = "close";
    public static final String CANCEL = "cancel";

    /** Every command, in lifecycle order. */
    public static final List<String> COMMANDS = List.of(SUBMIT, ASSESS, APPROVE, REJECT, SCHEDULE, START, COMPLETE, CLOSE, CANCEL);

    private ChangeLifecycle() {
    }

    /** The commands allowed for a change of {@code type} in {@code state} with {@code approval}. */
    public static List<String> allowedCommands(ChangeType type, ChangeState state, ApprovalStatus approval) {
        return switch (state) {
            case NEW -> type == ChangeType.STANDARD ? List.of(SCHEDULE, CANCEL) : List.of(SUBMIT, CANCEL);
            case ASSESS -> type == ChangeType.NORMAL ? List.of(ASSESS, CANCEL) : List.of(CANCEL);
            case AUTHORIZE -> approval == ApprovalStatus.APPROVED ? List.of(SCHEDULE, CANCEL)
                    : approval == ApprovalStatus.PENDING ? List.of(APPROVE, REJECT, CANCEL) : List.of(CANCEL);
            case SCHEDULED -> List.of(START, CANCEL);
            case IMPLEMENT -> List.of(COMPLETE, CANCEL);
            case REVIEW -> List.of(CLOSE, CANCEL);
            case CLOSED, CANCELED, REJECTED -> List.of();
        };
    }

    /** States in which plain field edits (PATCH) are accepted. */
    public static boolean editable(ChangeState state) {
        return state == ChangeState.NEW || state == ChangeState.ASSESS || state == ChangeState.AUTHORIZE
                || state == ChangeState.SCHEDULED;
    }
}
