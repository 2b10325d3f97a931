package dev.itsm.webhook.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a ping got: the subscriber's status (absent when no response came), how long it took, why it failed. */
@Schema(name = "WebhookPingResult")
public record PingResult(
        @Schema(nullable = true, example = "200") Integer status,
        @Schema(example = "42") long durationMs,
        @Schema(nullable = true, example = "HttpClosedException: Connection was closed") String error,
        @Schema(description = "The delivery that logs it (reason PING)", example = "4712") long deliveryId) {
}
