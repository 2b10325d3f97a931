package dev.itsm.request.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.approval.ApprovalDecision;
import dev.itsm.platform.approval.ApprovalLevel;
import dev.itsm.platform.approval.ApprovalStatus;
import dev.itsm.request.ItemState;
import dev.itsm.request.Request;
import dev.itsm.request.RequestItem;
import dev.itsm.request.RequestState;
import dev.itsm.request.task.FulfilmentTask;
import dev.itsm.request.task.TaskState;

@Schema(name = "RequestView", description = "A service request as read; version is its ETag")
public record RequestView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182") UUID id,
        @Schema(example = "REQ0001000") String number,
        @Schema(type = SchemaType.STRING, format = "uuid") UUID offeringId,
        @Schema(example = "New starter laptop") String offeringName,
        @Schema(description = "Services the offering belongs to") List<UUID> serviceIds,
        @Schema(type = SchemaType.STRING, format = "uuid") UUID organisationId,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "The service relationship it was ordered under") UUID relationshipId,
        @Schema(example = "bob") String requestedBy,
        @Schema(example = "bob") String requestedFor,
        @Schema(type = SchemaType.OBJECT, nullable = true, description = "The request form's answers, per component key") JsonNode answers,
        @Schema(nullable = true, description = "What the offering costs; a cost adds the sponsor's budget level") CostView cost,
        RequestState state,
        @Schema(description = "Commands accepted now", example = "[\"approve\",\"reject\",\"request-info\",\"cancel\"]") List<String> allowedCommands,
        ApprovalStatus approvalStatus,
        @Schema(description = "The approval levels, in order") List<ApprovalLevel> approvalLevels,
        @Schema(description = "Every decision, in order") List<ApprovalDecision> approvalDecisions,
        @Schema(description = "True while the request waits for its requester (request-info)") boolean awaitingRequester,
        @Schema(nullable = true, description = "The question the requester is asked") String pendingQuestion,
        @Schema(description = "One item per offering component, in order") List<ItemView> items,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant submittedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant approvedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant fulfilledAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant closedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant canceledAt,
        @Schema(nullable = true) String cancelReason,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant updatedAt,
        @Schema(description = "The ETag: send it as If-Match to act", example = "3") long version) {

    public static RequestView of(Request r) {
        List<FulfilmentTask> tasks = r.tasks();
        return new RequestView(r.id(), r.number(), r.offeringId(), r.offeringName(), r.serviceIds(), r.organisationId(),
                r.relationshipId(), r.requestedBy(), r.requestedFor(), r.answers(),
                r.cost() == null ? null : new CostView(r.cost().amount(), r.cost().currency(), r.cost().period()),
                r.state(), r.allowedCommands(), r.approvalStatus(), r.approvalLevels(), r.approvalDecisions(),
                r.awaitingRequester(), r.pendingQuestion(),
                r.items().stream().map(i -> ItemView.of(i, tasks)).toList(), r.submittedAt(), r.approvedAt(),
                r.fulfilledAt(), r.closedAt(), r.canceledAt(), r.cancelReason(), r.updatedAt(), r.version());
    }

    @Schema(name = "RequestCostView", description = "The offering's cost as ordered")
    public record CostView(
            @Schema(example = "1299.00") BigDecimal amount,
            @Schema(example = "EUR") String currency,
            @Schema(enumeration = { "ONE_OFF", "MONTHLY", "YEARLY" }, example = "ONE_OFF") String period) {
    }

    @Schema(name = "RequestItemView", description = "One ordered component and its fulfilment")
    public record ItemView(
            @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @Schema(example = "laptop") String componentKey,
            @Schema(enumeration = { "GOODS", "ACCESS_TO_RESOURCES", "SERVICE_ACTION" }, example = "GOODS") String kind,
            @Schema(nullable = true, example = "14-inch developer laptop") String description,
            @Schema(type = SchemaType.OBJECT, nullable = true, description = "The answers for this component") JsonNode answers,
            @Schema(example = "workplace-logistics") String fulfilmentGroup,
            @Schema(nullable = true, description = "ACCESS_TO_RESOURCES: how long the grant lasts (ISO-8601)", example = "P90D") String accessPeriod,
            ItemState state,
            @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "Its task, once fulfilment started") UUID taskId,
            @Schema(nullable = true, example = "TASK0001000") String taskNumber,
            @Schema(nullable = true) TaskState taskState) {

        static ItemView of(RequestItem i, List<FulfilmentTask> tasks) {
            FulfilmentTask task = tasks.stream().filter(t -> t.itemId().equals(i.id())).reduce((a, b) -> b).orElse(null);
            return new ItemView(i.id(), i.componentKey(), i.kind(), i.description(), i.answers(), i.fulfilmentGroup(),
                    i.accessPeriod() == null ? null : i.accessPeriod().toString(), i.state(),
                    task == null ? null : task.id(), task == null ? null : task.number(), task == null ? null : task.state());
        }
    }
}
