package dev.itsm.monitoring.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "AlertSuppressRequest", description = "Suppress an alert by hand until a given time (MANUAL): it stops "
        + "counting in its group, so it neither keeps an incident open nor opens one; it counts again when the "
        + "suppression ends (unsuppress, or until passes)")
public record SuppressRequest(
        @Schema(type = SchemaType.STRING, format = "date-time", required = true,
                description = "When the suppression ends: in the future and at most 30 days ahead (else 422)",
                example = "2026-12-01T18:00:00Z")
        @NotNull Instant until,
        @Schema(required = true, example = "Known noisy check while the array rebuilds") @NotBlank @Size(max = 4000) String note) {
}
