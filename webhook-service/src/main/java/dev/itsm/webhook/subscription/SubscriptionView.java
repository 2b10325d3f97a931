package dev.itsm.webhook.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A subscription as the API shows it. The secret appears only in the answers of create and rotate-secret. */
@Schema(name = "SubscriptionView")
public record SubscriptionView(
        @Schema(example = "6f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01") UUID id,
        @Schema(example = "Pager: major incidents") String name,
        @Schema(nullable = true, example = "Pages the on-call manager") String description,
        @Schema(example = "https://hooks.example.com/itsm") String targetUrl,
        @Schema(example = "[\"dev.itsm.incident.MajorIncidentDeclared\"]") List<String> eventTypes,
        @Schema(description = "Empty: every subject", example = "[]") List<String> subjects,
        @Schema(description = "Only ACTIVE subscriptions receive deliveries; DISABLED is set when the target answered 410 Gone") SubscriptionState state,
        @Schema(description = "Why it was disabled", nullable = true, example = "target answered 410 Gone") String disabledReason,
        @Schema(description = "Until when the previous secret still signs (after a rotation)", nullable = true, example = "2026-12-02T10:00:00Z")
        Instant previousSecretValidUntil,
        @Schema(description = "The signing secret (whsec_…): only in the answers of create and rotate-secret; store it now",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
        @Schema(example = "alice") String createdBy,
        @Schema(example = "2026-12-01T10:00:00Z") Instant createdAt,
        @Schema(example = "2026-12-01T10:00:00Z") Instant updatedAt,
        @Schema(description = "The ETag", example = "1") long version) {

    static SubscriptionView of(Subscription s, Instant now) {
        return of(s, now, null);
    }

    /** With {@code secret} shown: for the answers of create and rotate-secret only. */
    static SubscriptionView of(Subscription s, Instant now, String secret) {
        Instant previousValidUntil = s.previousSecretExpiresAt() != null && s.previousSecretExpiresAt().isAfter(now)
                ? s.previousSecretExpiresAt() : null;
        return new SubscriptionView(s.id(), s.name(), s.description(), s.targetUrl(), s.eventTypes(), s.subjects(), s.state(),
                s.disabledReason(), previousValidUntil, secret, s.createdBy(), s.createdAt(), s.updatedAt(), s.version());
    }
}
