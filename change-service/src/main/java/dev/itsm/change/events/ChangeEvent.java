package dev.itsm.change.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.platform.events.DomainEvent;

/**
 * Events published on {@code itsm.change.events} (key = changeId). Each payload carries the full
 * facts of the change ({@link ChangeFacts}, flattened) plus what the event adds.
 */
public sealed interface ChangeEvent extends DomainEvent {

    ChangeFacts change();

    @Override
    default String aggregateId() {
        return change().changeId();
    }

    @Override
    default String aggregateType() {
        return "ChangeRequest";
    }

    record ChangeRequested(@JsonUnwrapped ChangeFacts change, String description, Instant occurredAt) implements ChangeEvent {
    }

    /** An edit (PATCH) changed the fields named in {@code changedFields}; the payload has the facts after it. */
    record ChangeUpdated(@JsonUnwrapped ChangeFacts change, String description, List<String> changedFields, Instant occurredAt)
            implements ChangeEvent {
    }

    record ChangeSubmitted(@JsonUnwrapped ChangeFacts change, String submittedBy, Instant occurredAt) implements ChangeEvent {
    }

    record ChangeAssessed(@JsonUnwrapped ChangeFacts change, int riskScore, List<UUID> impactedServiceIds,
            Map<String, Boolean> answers, String assessedBy, Instant occurredAt) implements ChangeEvent {
    }

    record ChangeApprovalRequested(@JsonUnwrapped ChangeFacts change, int level, int levels, String levelName,
            String rule, int required, List<String> approvers, Instant occurredAt) implements ChangeEvent {
    }

    record ChangeApproved(@JsonUnwrapped ChangeFacts change, int levels, List<String> approvedBy, Instant occurredAt)
            implements ChangeEvent {
    }

    record ChangeRejected(@JsonUnwrapped ChangeFacts change, int level, String rejectedBy, String comment, Instant occurredAt)
            implements ChangeEvent {
    }

    record ChangeScheduled(@JsonUnwrapped ChangeFacts change, boolean rescheduled, boolean conflictsOverridden,
            int overriddenConflicts, String overrideJustification, String overriddenBy, Instant occurredAt) implements ChangeEvent {
    }

    record ChangeImplementationStarted(@JsonUnwrapped ChangeFacts change, Instant actualStart, String startedBy,
            Instant occurredAt) implements ChangeEvent {
    }

    record ChangeImplemented(@JsonUnwrapped ChangeFacts change, Instant actualStart, Instant actualEnd, Instant occurredAt)
            implements ChangeEvent {
    }

    record ChangeClosed(@JsonUnwrapped ChangeFacts change, String closeCode, String closeNotes, Instant actualStart,
            Instant actualEnd, Instant occurredAt) implements ChangeEvent {
    }

    record ChangeCanceled(@JsonUnwrapped ChangeFacts change, String previousState, String reason, String canceledBy,
            Instant occurredAt) implements ChangeEvent {
    }
}
