package dev.itsm.request.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.platform.approval.ApprovalStatus;
import dev.itsm.request.ItemState;
import dev.itsm.request.RequestState;
import dev.itsm.request.catalog.OfferingCost;

/**
 * The full current facts of a service request that every {@link RequestEvent} payload carries
 * (unwrapped). No answers: they may hold personal data, and the API serves them to who may read them.
 */
public record RequestFacts(
        UUID requestId,
        String number,
        UUID offeringId,
        String offeringName,
        List<UUID> serviceIds,
        UUID organisationId,
        UUID relationshipId,
        String requestedBy,
        String requestedFor,
        RequestState state,
        ApprovalStatus approvalStatus,
        boolean awaitingRequester,
        List<ItemFacts> items,
        OfferingCost cost,
        Instant submittedAt,
        Instant approvedAt,
        Instant fulfilledAt,
        Instant closedAt,
        long version,
        Instant occurredAt) {

    /** One request item as the events show it. */
    public record ItemFacts(UUID itemId, String componentKey, String kind, String description, ItemState state,
            String fulfilmentGroup) {
    }
}
