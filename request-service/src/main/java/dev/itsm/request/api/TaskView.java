package dev.itsm.request.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.request.task.FulfilmentTask;
import dev.itsm.request.task.TaskState;
import dev.itsm.request.task.TaskType;

@Schema(name = "FulfilmentTaskView", description = "A fulfilment task in its group's queue")
public record TaskView(
        @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
        @Schema(example = "TASK0001000") String number,
        @Schema(type = SchemaType.STRING, format = "uuid") UUID requestId,
        @Schema(type = SchemaType.STRING, format = "uuid") UUID itemId,
        TaskType type,
        @Schema(example = "workplace-logistics") String assignmentGroup,
        @Schema(nullable = true, example = "fred") String assignee,
        TaskState state,
        @Schema(description = "Commands accepted in the current state", example = "[\"start\",\"complete\",\"fail\"]") List<String> allowedCommands,
        List<NoteView> notes,
        @Schema(nullable = true) String trackingReference,
        @Schema(nullable = true) String completedBy,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant completedAt,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant createdAt,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant updatedAt) {

    public static TaskView of(FulfilmentTask t) {
        return new TaskView(t.id(), t.number(), t.requestId(), t.itemId(), t.type(), t.assignmentGroup(), t.assignee(),
                t.state(), t.state().allowedCommands(),
                t.notes().stream().map(n -> new NoteView(n.at(), n.by(), n.command(), n.note())).toList(),
                t.trackingReference(), t.completedBy(), t.completedAt(), t.createdAt(), t.updatedAt());
    }

    @Schema(name = "FulfilmentTaskNoteView", description = "A note left with a task command")
    public record NoteView(
            @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
            @Schema(example = "fred") String by,
            @Schema(example = "complete") String command,
            @Schema(example = "Handed over at the service desk") String note) {
    }
}
