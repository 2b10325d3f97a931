package dev.itsm.problemmanagement.candidate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the incidents of a candidate are no problem (kept on the candidate). */
@Schema(name = "DismissProblemCandidateRequest")
public record DismissCandidateRequest(
        @Schema(example = "Planned load test on the gateway") @NotBlank @Size(max = 2000) String reason) {
}
