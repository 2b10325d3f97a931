package dev.itsm.problemmanagement.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.problemmanagement.Impact;
import dev.itsm.problemmanagement.Urgency;

/**
 * JSON merge patch of a problem (RFC 7396): absent fields stay, {@code null} clears an optional field.
 * Documents the body only (no field is required); {@link ProblemEdit} holds the rules.
 */
@Schema(name = "ProblemPatch", description = "JSON merge patch: every field is optional, absent fields stay unchanged, "
        + "null clears optional ones. Changing impact or urgency recomputes the priority; the problem keeps at least "
        + "one service or CI. Any changed fact is published as ProblemUpdated.")
public record ProblemPatch(
        @Schema(minLength = 1, maxLength = 200, example = "Checkout fails when the payment gateway pool is exhausted") String title,
        @Schema(nullable = true, maxLength = 10000) String description,
        @Schema(nullable = true, description = "Affected services (replaces the list)") List<UUID> serviceIds,
        @Schema(nullable = true, description = "Affected configuration items (replaces the list)") List<UUID> ciIds,
        Impact impact,
        Urgency urgency,
        @Schema(nullable = true, example = "payments-3rd-line") String assignmentGroup,
        @Schema(nullable = true, example = "carol") String assignee) {
}
