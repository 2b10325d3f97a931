package dev.itsm.catalog.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a consumer organisation PATCH (JSON merge patch); merged onto {@link ConsumerOrganisationRequest}. */
@Schema(name = "ConsumerOrganisationPatch", description = "JSON merge patch of a consumer organisation: absent fields stay "
        + "unchanged, null clears an optional field. The state changes through deactivate and activate, people through "
        + "PUT/DELETE …/people/{subject}.")
public record ConsumerOrganisationPatch(
        @Schema(example = "Finance & Controlling") String name,
        @Schema(nullable = true, description = "Null makes it a top-level organisation; a parent below itself is refused") UUID parentId,
        @Schema(nullable = true) String description) {
}
