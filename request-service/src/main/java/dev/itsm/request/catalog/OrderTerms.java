package dev.itsm.request.catalog;

import dev.itsm.platform.approval.LevelSpec;
import java.util.List;
import java.util.UUID;

/**
 * Everything a request is created from once {@link Ordering#check} has accepted the order.
 *
 * @param cost null when the offering is free
 * @param approvalLevels in order; empty = approved at once
 * @param components in position order, one request item each
 */
public record OrderTerms(UUID offeringId, String offeringName, List<UUID> serviceIds, UUID relationshipId,
        UUID organisationId, OfferingCost cost, List<LevelSpec> approvalLevels, List<ComponentTerms> components) {

    public OrderTerms {
        serviceIds = List.copyOf(serviceIds);
        approvalLevels = List.copyOf(approvalLevels);
        components = List.copyOf(components);
    }
}
