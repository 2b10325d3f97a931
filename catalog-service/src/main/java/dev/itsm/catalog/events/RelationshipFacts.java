package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.consumer.RelationshipState;

/** The full current facts of a service relationship, flattened into {@link ServiceRelationshipChanged}. */
public record RelationshipFacts(
        UUID relationshipId,
        UUID organisationId,
        UUID offeringId,
        /** Token subject of the organisation's SPONSOR who approves spend. */
        String sponsor,
        /** Who may order; empty = every USER or CUSTOMER of the organisation. */
        List<String> orderers,
        Instant validFrom,
        /** Null: open-ended. */
        Instant validUntil,
        /** In order; a request passes them before the budget level. */
        List<ApprovalLevelFacts> approvalLevels,
        RelationshipState state,
        /** The relationship's version after the change (its ETag): a replica ignores an older one. */
        long version,
        Instant occurredAt) {
}
