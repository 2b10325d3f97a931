package dev.itsm.sla.request;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.itsm.platform.events.InboundEvent;

/**
 * What a service request event tells this service (request-service's {@code RequestFacts}, flattened into every
 * payload), read with the platform's tolerant readers. {@code awaitingRequester} and {@code version} are null when
 * the payload does not carry them.
 */
public record RequestFacts(String type, UUID requestId, String number, UUID offeringId, List<UUID> serviceIds, String state,
        Boolean awaitingRequester, Instant submittedAt, Long version, Instant occurredAt) {

    /** Request states after which nothing is left to time. */
    static final Set<String> FINAL_STATES = Set.of("FULFILLED", "CLOSED", "REJECTED", "CANCELED");

    /** {@code receivedAt} stands in for the time of an event that carries neither occurredAt nor ce_time. */
    public static RequestFacts from(InboundEvent event, Instant receivedAt) {
        Instant occurredAt = millis(event.occurredAt(receivedAt));
        Instant submittedAt = millis(event.instant("submittedAt"));
        boolean hasAwaiting = event.payload().path("awaitingRequester").isBoolean();
        return new RequestFacts(event.name(), event.requiredUuid("requestId"), event.text("number"), event.uuid("offeringId"),
                event.uuids("serviceIds"), event.text("state"), hasAwaiting ? event.bool("awaitingRequester", false) : null,
                submittedAt == null ? occurredAt : submittedAt, event.longValue("version"), occurredAt);
    }

    /** Whether the request had already reached a final state when this event was published. */
    public boolean isFinal() {
        return state != null && FINAL_STATES.contains(state);
    }

    /** The database keeps microseconds; timers work in millis. */
    private static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }
}
