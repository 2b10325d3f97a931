package dev.itsm.request.task;

import static dev.itsm.request.task.TaskCommand.COMPLETE;
import static dev.itsm.request.task.TaskCommand.FAIL;
import static dev.itsm.request.task.TaskCommand.RETRY;
import static dev.itsm.request.task.TaskCommand.START;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A fulfilment task's lifecycle.
 *
 * <pre>
 * OPEN ─start─▶ IN_PROGRESS ─complete─▶ COMPLETED      OPEN ─complete─▶ COMPLETED (a quick hand-over)
 * OPEN, IN_PROGRESS ─fail {note}─▶ FAILED ─retry─▶ OPEN
 * OPEN, IN_PROGRESS, FAILED ─request canceled─▶ CANCELED          (COMPLETED, CANCELED are final)
 * </pre>
 */
@Schema(name = "FulfilmentTaskState")
public enum TaskState {
    OPEN(START, COMPLETE, FAIL),
    IN_PROGRESS(COMPLETE, FAIL),
    FAILED(RETRY),
    COMPLETED,
    CANCELED;

    private final Set<TaskCommand> allowed;

    TaskState(TaskCommand... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(TaskCommand.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(TaskCommand command) {
        return allowed.contains(command);
    }

    public boolean isFinal() {
        return allowed.isEmpty();
    }

    /** REST command names accepted in this state. */
    public List<String> allowedCommands() {
        return allowed.stream().map(TaskCommand::wireName).toList();
    }
}
