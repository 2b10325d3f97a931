package dev.itsm.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.consumer.RelationshipState;
import dev.itsm.catalog.consumer.ServiceRelationship;
import dev.itsm.catalog.support.Http;

@Schema(name = "ServiceRelationshipView", description = "A consumer organisation × offering, with the agreed terms")
public record ServiceRelationshipView(UUID id, UUID organisationId, UUID offeringId,
        @Schema(example = "fiona", description = "The SPONSOR who approves spend") String sponsor,
        @Schema(description = "Who may order; empty: every USER or CUSTOMER of the organisation") List<String> orderers,
        Instant validFrom,
        @Schema(nullable = true, description = "Null: open-ended") Instant validUntil,
        List<ApprovalLevelDto> approvalLevels,
        RelationshipState state,
        @Schema(description = "The POST commands its state allows", example = "[\"terminate\"]") List<String> allowedCommands,
        @Schema(nullable = true) Instant terminatedAt,
        Instant createdAt, Instant updatedAt, long version) implements Http.Versioned {

    public static ServiceRelationshipView of(ServiceRelationship r) {
        return new ServiceRelationshipView(r.id(), r.organisationId(), r.offeringId(), r.sponsor(), r.orderers(), r.validFrom(),
                r.validUntil(), r.approvalLevels().stream().map(ApprovalLevelDto::of).toList(), r.state(), r.state().allowedCommands(),
                r.terminatedAt(), r.createdAt(), r.updatedAt(), r.version());
    }
}
