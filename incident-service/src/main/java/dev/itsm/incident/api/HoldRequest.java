package dev.itsm.incident.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.HoldReason;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "HoldIncidentRequest", description = "Why the work waits")
public record HoldRequest(
        @NotNull HoldReason reason,
        @Schema(description = "Work note explaining the wait", example = "Vendor ticket VND-4411 opened") @Size(max = 10000) String note) {
}
