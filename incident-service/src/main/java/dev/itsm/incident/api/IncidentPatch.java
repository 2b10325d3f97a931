package dev.itsm.incident.api;

import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.Impact;
import dev.itsm.incident.Urgency;

/**
 * JSON merge patch of an incident (RFC 7396): absent fields stay, {@code null} clears an optional
 * field. State, priority and assignment change only through commands.
 */
@Schema(name = "IncidentPatch", description = "JSON merge patch: absent fields stay unchanged, null clears optional ones. "
        + "Changing impact or urgency recomputes the priority.")
public record IncidentPatch(
        @Schema(example = "Checkout fails for card payments") String title,
        @Schema(nullable = true) String description,
        @Schema(nullable = true, example = "network") String category,
        @Schema(example = "HIGH") Impact impact,
        @Schema(example = "HIGH") Urgency urgency,
        @Schema(nullable = true) UUID ciId,
        @Schema(nullable = true) Set<String> linkedChangeIds,
        @Schema(nullable = true, description = "Attach to a major incident (null detaches)") UUID parentIncidentId) {
}
