package dev.itsm.catalog.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a service relationship PATCH (JSON merge patch), merged onto {@link ServiceRelationshipRequest}.
 * The organisation, the offering and validFrom are fixed for the life of a relationship.
 */
@Schema(name = "ServiceRelationshipPatch", description = "JSON merge patch of an ACTIVE service relationship: absent fields stay "
        + "unchanged, null clears an optional field, lists replace the whole list. organisationId, offeringId and validFrom are "
        + "fixed (terminate it and create another); the state changes through terminate.")
public record ServiceRelationshipPatch(
        @Schema(example = "fiona", description = "A SPONSOR of the organisation") String sponsor,
        @Schema(nullable = true, description = "Empty or null: every USER or CUSTOMER of the organisation") List<String> orderers,
        @Schema(nullable = true, description = "Null: open-ended") Instant validUntil,
        @Schema(nullable = true) List<ApprovalLevelDto> approvalLevels) {
}
