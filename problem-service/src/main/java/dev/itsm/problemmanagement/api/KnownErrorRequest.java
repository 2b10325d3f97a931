package dev.itsm.problemmanagement.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "ProblemKnownErrorRequest", description = "Publishes (or revises) the problem's known error: what agents "
        + "see (symptoms) and do (workaround). The workaround defaults to the problem's; one is required.")
public record KnownErrorRequest(
        @Schema(description = "Defaults to the problem's title", example = "Checkout 502 under peak load") @Size(max = 200) String title,
        @Schema(example = "Checkout answers HTTP 502 after about 30 s; the payment gateway logs 'pool exhausted'") @NotBlank @Size(max = 10000) String symptoms,
        @Schema(example = "Restart the payment-gateway pods") @Size(max = 10000) String workaround) {
}
