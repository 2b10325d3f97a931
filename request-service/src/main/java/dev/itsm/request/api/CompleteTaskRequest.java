package dev.itsm.request.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

@Schema(name = "FulfilmentTaskCompletion", description = "How a task was done; a DELIVERY names its tracking reference")
public record CompleteTaskRequest(
        @Schema(nullable = true, example = "Handed over at the service desk") @Size(max = 4000) String note,
        @Schema(nullable = true, description = "DELIVERY: the shipment's tracking reference", example = "1Z999AA10123456784") @Size(max = 200) String trackingReference) {
}
