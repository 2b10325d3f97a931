package dev.itsm.webhook.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.webhook.intake.StoredEvent;

/**
 * A delivery this instance has leased for one attempt, with everything the attempt needs, so that no transaction
 * is open while it talks to the subscriber.
 *
 * @param attempts attempts made before this one
 * @param secrets the subscription's signing secrets at claim time (current first)
 */
public record ClaimedDelivery(long id, UUID subscriptionId, int attempts, Instant firstAttemptAt, DeliveryReason reason,
        String targetUrl, List<String> secrets, StoredEvent event) {
}
