package dev.itsm.problemmanagement.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "ProblemRootCauseRequest", description = "The root cause found by the analysis, and a workaround if there is one")
public record RootCauseRequest(
        @Schema(example = "capacity") @NotBlank @Size(max = 100) String category,
        @Schema(example = "The payment gateway's connection pool (20) is exhausted under peak load") @NotBlank @Size(max = 20000) String analysis,
        @Schema(example = "Restart the payment-gateway pods; raise the pool to 50") @Size(max = 10000) String workaround) {
}
