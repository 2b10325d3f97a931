package dev.itsm.webhook.delivery;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One delivery in the log: an event (or ping) to one subscription, its state and its last attempt. */
@Schema(name = "DeliveryView")
public record DeliveryView(
        @Schema(description = "Delivery id (newest is highest)", example = "4711") long id,
        @Schema(description = "ce_id of the event, also sent as webhook-id", example = "8c2e0f4a-7b1d-4e2f-9a3b-5c6d7e8f9a0b") String eventId,
        @Schema(description = "ce_type", example = "dev.itsm.incident.IncidentOpened") String eventType,
        @Schema(description = "ce_subject (the aggregate id)", nullable = true, example = "3f0c9a52-1b2d-4e8f-9a7b-6c5d4e3f2a10") String subject,
        DeliveryState state,
        DeliveryReason reason,
        @Schema(description = "Attempts made", example = "1") int attempts,
        @Schema(description = "When it is attempted (again); absent once final", nullable = true, example = "2026-12-01T10:15:30Z") Instant nextAttemptAt,
        @Schema(nullable = true, example = "2026-12-01T10:15:00Z") Instant lastAttemptAt,
        @Schema(description = "HTTP status of the last attempt; absent when no response came", nullable = true, example = "200") Integer lastStatus,
        @Schema(nullable = true, example = "87") Integer lastDurationMs,
        @Schema(description = "Why the last attempt failed", nullable = true, example = "HTTP 503") String lastError,
        @Schema(nullable = true, example = "2026-12-01T10:15:00Z") Instant deliveredAt) {
}
