package dev.itsm.webhook.subscription;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The editable part of a subscription: the body of {@code PATCH /subscriptions/{id}} (a JSON merge patch
 * onto the current values, applied by the platform's {@code MergePatch}) and what it is merged onto. The
 * state changes only through pause/resume and the secret only through rotate-secret.
 */
@Schema(name = "SubscriptionPatch", description = "JSON merge patch of a subscription: absent fields stay, arrays are replaced "
        + "whole, null clears description and subjects. The result is checked like a new subscription.")
public record SubscriptionPatch(
        @Schema(description = "What the subscription is for", example = "Pager: major incidents", maxLength = 200) String name,
        @Schema(description = "Free text", nullable = true, example = "Pages the on-call manager") String description,
        @Schema(description = "Where deliveries are POSTed (same rules as on create)", example = "https://hooks.example.com/itsm") String targetUrl,
        @Schema(description = "Event type filters (replaces the list)", example = "[\"dev.itsm.incident.*\"]") List<String> eventTypes,
        @Schema(description = "Subject filter (replaces the list); null or empty: every subject", nullable = true, example = "[]") List<String> subjects) {
}
