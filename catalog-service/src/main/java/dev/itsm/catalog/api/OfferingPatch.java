package dev.itsm.catalog.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of an offering PATCH as a client sees it (JSON merge patch, RFC 7396). The server merges
 * it onto {@link OfferingRequest} and validates the result with that record's rules.
 */
@Schema(name = "OfferingPatch", description = "JSON merge patch of an offering: absent fields stay unchanged, null clears an "
        + "optional field, lists replace the whole list. The lifecycle changes through publish and withdraw.")
public record OfferingPatch(
        @Schema(example = "E-mail for employees") String name,
        @Schema(nullable = true) String description,
        @Schema(example = "contractors") String targetConsumerGroup,
        @Schema(nullable = true, description = "Ids of the services it covers") List<UUID> serviceIds,
        @Schema(nullable = true) List<ComponentDto> components,
        @Schema(nullable = true, description = "null: the offering costs nothing") OfferingCost cost,
        @Schema(type = SchemaType.OBJECT, nullable = true, description = "Merged like any object (RFC 7396: a member set to null "
                + "is removed); null removes the form. " + OfferingRequest.REQUEST_FORM) JsonNode requestForm) {
}
