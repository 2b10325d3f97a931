package dev.itsm.problemmanagement.candidate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.problemmanagement.Impact;
import dev.itsm.problemmanagement.Urgency;
import jakarta.validation.constraints.Size;

/** Optional overrides of the problem an accepted candidate becomes; every field defaults from the candidate. */
@Schema(name = "AcceptProblemCandidateRequest", description = "Every field is optional: title defaults to 'Recurring "
        + "incidents on <keyName>', description to a summary of the incidents, impact and urgency to MEDIUM")
public record AcceptCandidateRequest(
        @Schema(nullable = true, example = "Payment gateway drops connections under load") @Size(max = 200) String title,
        @Schema(nullable = true) @Size(max = 10000) String description,
        @Schema(nullable = true) Impact impact,
        @Schema(nullable = true) Urgency urgency,
        @Schema(nullable = true, example = "payments-3rd-line") @Size(max = 200) String assignmentGroup,
        @Schema(nullable = true, example = "carol") @Size(max = 200) String assignee) {
}
