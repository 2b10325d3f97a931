package dev.itsm.incident.api;

import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.Impact;
import dev.itsm.incident.Urgency;

/**
 * JSON merge patch of an incident (RFC 7396): absent fields stay, {@code null} clears an optional
 * field. State, priority and assignment change only through commands. Documents the body only (no
 * field is required); {@link IncidentEdit} holds the rules.
 */
@Schema(name = "IncidentPatch", description = "JSON merge patch: every field is optional, "
        + "absent fields stay unchanged, null clears optional ones. Changing impact or urgency recomputes the priority. "
        + "Any changed fact is published as IncidentUpdated.")
public record IncidentPatch(
        @Schema(minLength = 1, maxLength = 200, example = "Checkout fails for card payments") String title,
        @Schema(nullable = true, maxLength = 10000) String description,
        @Schema(nullable = true, maxLength = 100, example = "network") String category,
        Impact impact,
        Urgency urgency,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "Affected configuration item (null clears)")
        UUID ciId,
        @Schema(nullable = true, description = "Related change requests (change ids); replaces the whole set, null clears it")
        Set<String> linkedChangeIds,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true,
                description = "Attach to an open major incident (null detaches)") UUID parentIncidentId) {
}
