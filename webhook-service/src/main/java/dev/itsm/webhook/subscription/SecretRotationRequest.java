package dev.itsm.webhook.subscription;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /subscriptions/{id}/rotate-secret}. */
@Schema(name = "SecretRotationRequest")
public record SecretRotationRequest(
        @Schema(description = "How long the current secret still signs next to the new one (ISO-8601 duration, PT0S to P7D; "
                + "default PT24H). PT0S revokes it at once (a leaked secret)", nullable = true, example = "PT24H") String overlap) {
}
