package dev.itsm.webhook.subscription;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /subscriptions}; checked as a whole by {@link SubscriptionRules} (every bad field named). */
@Schema(name = "SubscriptionRequest", requiredProperties = { "name", "targetUrl", "eventTypes" })
public record SubscriptionRequest(
        @Schema(description = "What the subscription is for", example = "Pager: major incidents", maxLength = 200) String name,
        @Schema(description = "Free text", nullable = true, maxLength = 2000, example = "Pages the on-call manager") String description,
        @Schema(description = "Where deliveries are POSTed: https (http only to a loopback host where the operator allows it); "
                + "no user information; no private, link-local or metadata address", maxLength = 2048,
                example = "https://hooks.example.com/itsm") String targetUrl,
        @Schema(description = "Event type filters (at least one): exact types from GET /api/v1/webhooks/event-types, or "
                + "dev.itsm.<service>.* for all types of a service", minItems = 1,
                example = "[\"dev.itsm.incident.MajorIncidentDeclared\", \"dev.itsm.change.*\"]") List<String> eventTypes,
        @Schema(description = "Only events with one of these ce_subject values (aggregate ids); empty or absent: every subject",
                example = "[]") List<String> subjects,
        @Schema(description = "Standard Webhooks secret whsec_<base64> of at least 24 bytes; absent: one is generated "
                + "(32 random bytes). Shown only in this answer and in rotate-secret's", nullable = true,
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
        @Schema(description = "ACTIVE (default) or PAUSED", enumeration = { "ACTIVE", "PAUSED" }, nullable = true, example = "ACTIVE") SubscriptionState state) {
}
