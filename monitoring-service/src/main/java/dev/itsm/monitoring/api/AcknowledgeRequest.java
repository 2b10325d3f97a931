package dev.itsm.monitoring.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

@Schema(name = "AlertAcknowledgeRequest", description = "Acknowledging says someone is on it; the alert keeps firing and counting")
public record AcknowledgeRequest(
        @Schema(nullable = true, example = "Looking at the disk usage on db-01") @Size(max = 4000) String note) {
}
