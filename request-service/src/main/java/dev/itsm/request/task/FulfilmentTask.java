package dev.itsm.request.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.platform.problem.IllegalTransitionException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One unit of fulfilment work for one request item, in its assignment group's queue. Part of the
 * request aggregate: it changes only through the request (which holds the lock, its version), so a
 * task and its item and request always move together.
 */
@Entity
@Table(name = "fulfilment_task")
public class FulfilmentTask extends PanacheEntityBase {

    /** One note, as each task command leaves it. */
    public record Note(Instant at, String by, String command, String note) {
    }

    @Id
    private UUID id;
    private String number;
    @Column(name = "request_id")
    private UUID requestId;
    @Column(name = "item_id")
    private UUID itemId;
    @Enumerated(EnumType.STRING)
    private TaskType type;
    @Column(name = "assignment_group")
    private String assignmentGroup;
    private String assignee;
    @Enumerated(EnumType.STRING)
    private TaskState state;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<Note> notes = new ArrayList<>();
    @Column(name = "tracking_reference")
    private String trackingReference;
    @Column(name = "completed_by")
    private String completedBy;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected FulfilmentTask() {
        // for JPA
    }

    public static FulfilmentTask open(UUID id, String number, UUID requestId, UUID itemId, TaskType type,
            String assignmentGroup, Instant now) {
        FulfilmentTask t = new FulfilmentTask();
        t.id = id;
        t.number = number;
        t.requestId = requestId;
        t.itemId = itemId;
        t.type = type;
        t.assignmentGroup = assignmentGroup;
        t.state = TaskState.OPEN;
        t.createdAt = now;
        t.updatedAt = now;
        return t;
    }

    /** The caller takes the task (becomes its assignee unless one is set). */
    public void start(String actor, String note, Instant now) {
        require(TaskCommand.START);
        if (assignee == null) {
            assignee = actor;
        }
        move(TaskState.IN_PROGRESS, actor, TaskCommand.START, note, now);
    }

    public void complete(String actor, String note, String trackingReference, Instant now) {
        require(TaskCommand.COMPLETE);
        if (assignee == null) {
            assignee = actor;
        }
        this.trackingReference = blankToNull(trackingReference);
        this.completedBy = actor;
        this.completedAt = now;
        move(TaskState.COMPLETED, actor, TaskCommand.COMPLETE, note, now);
    }

    public void fail(String actor, String note, Instant now) {
        require(TaskCommand.FAIL);
        move(TaskState.FAILED, actor, TaskCommand.FAIL, note, now);
    }

    public void retry(String actor, String note, Instant now) {
        require(TaskCommand.RETRY);
        move(TaskState.OPEN, actor, TaskCommand.RETRY, note, now);
    }

    /** The request was canceled: an unfinished task ends; a finished one stays as it is (false). */
    public boolean cancel(String actor, Instant now) {
        if (state.isFinal()) {
            return false;
        }
        state = TaskState.CANCELED;
        notes = append(new Note(now, actor, "cancel", "Request canceled"));
        updatedAt = now;
        return true;
    }

    public void require(TaskCommand command) {
        if (!state.allows(command)) {
            throw new IllegalTransitionException("task " + number, state, command.wireName(), state.allowedCommands());
        }
    }

    /** The last note written, or null. */
    public String lastNote() {
        return notes.isEmpty() ? null : notes.get(notes.size() - 1).note();
    }

    private void move(TaskState target, String actor, TaskCommand command, String note, Instant now) {
        state = target;
        if (blankToNull(note) != null) {
            notes = append(new Note(now, actor, command.wireName(), note));
        }
        updatedAt = now;
    }

    private List<Note> append(Note note) {
        List<Note> all = new ArrayList<>(notes);
        all.add(note);
        return all;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public UUID id() { return id; }
    public String number() { return number; }
    public UUID requestId() { return requestId; }
    public UUID itemId() { return itemId; }
    public TaskType type() { return type; }
    public String assignmentGroup() { return assignmentGroup; }
    public String assignee() { return assignee; }
    public TaskState state() { return state; }
    public List<Note> notes() { return List.copyOf(notes); }
    public String trackingReference() { return trackingReference; }
    public String completedBy() { return completedBy; }
    public Instant completedAt() { return completedAt; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
