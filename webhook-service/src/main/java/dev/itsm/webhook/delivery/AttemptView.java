package dev.itsm.webhook.delivery;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One HTTP attempt of a delivery. */
@Schema(name = "DeliveryAttemptView")
public record AttemptView(
        @Schema(description = "1 for the first attempt", example = "1") int attempt,
        @Schema(example = "2026-12-01T10:15:00Z") Instant startedAt,
        @Schema(example = "87") int durationMs,
        @Schema(description = "HTTP status; absent when no response came (timeout, refused connection, address refused)",
                nullable = true, example = "503") Integer status,
        @Schema(nullable = true, example = "HTTP 503") String error,
        @Schema(description = "The first 1 KiB of the response body at most", nullable = true, example = "{\"error\":\"maintenance\"}") String responsePrefix) {
}
