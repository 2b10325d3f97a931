package dev.itsm.request.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.events.DomainEvent;
import dev.itsm.request.grant.GrantState;
import dev.itsm.request.grant.RevokeReason;
import dev.itsm.request.task.TaskState;
import dev.itsm.request.task.TaskType;

/**
 * Facts published on {@code itsm.request.events} (key and {@code ce_subject} = requestId). Each payload
 * is the request's {@link RequestFacts} (flattened into the top level) plus the fields particular to the event.
 */
public sealed interface RequestEvent extends DomainEvent {

    RequestFacts facts();

    @Override
    default String aggregateId() {
        return facts().requestId().toString();
    }

    @Override
    default Instant occurredAt() {
        return facts().occurredAt();
    }

    @Override
    default String aggregateType() {
        return "ServiceRequest";
    }

    /** An approval level as the events name it. */
    record LevelFacts(int level, String name, ApprovalRule rule, int quorum, List<String> approvers) {
    }

    /** A fulfilment task as the events name it; completedBy, note and trackingReference once completed. */
    record TaskFacts(UUID taskId, String number, TaskType type, String assignmentGroup, TaskState state,
            String completedBy, String note, String trackingReference) {
    }

    /** An access grant as the events name it; the revoke fields once revoked. */
    record GrantFacts(UUID grantId, UUID itemId, String subject, String resource, Instant grantedAt, Instant expiresAt,
            GrantState state, Instant revokedAt, RevokeReason revokeReason, String revokedBy) {
    }

    /** The request was created (state SUBMITTED); approval or fulfilment follows in the same transaction. */
    record ServiceRequestSubmitted(@JsonUnwrapped RequestFacts facts) implements RequestEvent {
    }

    /** A level opened and waits for its approvers. */
    record RequestApprovalRequested(@JsonUnwrapped RequestFacts facts, LevelFacts level) implements RequestEvent {
    }

    /** Every level passed ({@code approver} = the last decision's), or none applied ({@code automatic}). */
    record RequestApproved(@JsonUnwrapped RequestFacts facts, boolean automatic, String approver) implements RequestEvent {
    }

    record RequestRejected(@JsonUnwrapped RequestFacts facts, LevelFacts level, String approver, String comment)
            implements RequestEvent {
    }

    /** The request waits for its requester (an SLA clock pauses). */
    record RequestInfoRequested(@JsonUnwrapped RequestFacts facts, String question) implements RequestEvent {
    }

    /** The requester answered (the SLA clock resumes); the answer is in the history, not here. */
    record RequestInfoProvided(@JsonUnwrapped RequestFacts facts) implements RequestEvent {
    }

    /** An item's task opened (also when a failed task is retried). */
    record RequestItemFulfilmentStarted(@JsonUnwrapped RequestFacts facts, UUID itemId, TaskFacts task)
            implements RequestEvent {
    }

    record FulfilmentTaskCompleted(@JsonUnwrapped RequestFacts facts, UUID itemId, TaskFacts task) implements RequestEvent {
    }

    record FulfilmentTaskFailed(@JsonUnwrapped RequestFacts facts, UUID itemId, TaskFacts task, String note)
            implements RequestEvent {
    }

    record AccessGranted(@JsonUnwrapped RequestFacts facts, GrantFacts grant) implements RequestEvent {
    }

    record AccessRevoked(@JsonUnwrapped RequestFacts facts, GrantFacts grant) implements RequestEvent {
    }

    /** Every item is fulfilled. */
    record ServiceRequestFulfilled(@JsonUnwrapped RequestFacts facts) implements RequestEvent {
    }

    record ServiceRequestCanceled(@JsonUnwrapped RequestFacts facts, String reason) implements RequestEvent {
    }

    /** {@code automatic}: closed by the service after request.auto-close-after, not by a person. */
    record ServiceRequestClosed(@JsonUnwrapped RequestFacts facts, boolean automatic) implements RequestEvent {
    }
}
