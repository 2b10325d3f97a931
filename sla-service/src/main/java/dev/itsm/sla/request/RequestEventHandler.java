package dev.itsm.sla.request;

import java.time.Clock;
import java.util.Set;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import dev.itsm.sla.timer.TimerService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code itsm.request.events} and drives the REQUEST timers (idempotent through the platform inbox: a
 * redelivered ce_id never gets here). Every payload carries the request's full facts, so any known type may pause
 * or resume a clock; unknown types are ignored.
 */
@ApplicationScoped
public class RequestEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.request.events";

    static final Set<String> TYPES = Set.of("ServiceRequestSubmitted", "RequestApprovalRequested", "RequestApproved", "RequestRejected",
            "RequestInfoRequested", "RequestInfoProvided", "RequestItemFulfilmentStarted", "FulfilmentTaskCompleted",
            "FulfilmentTaskFailed", "AccessGranted", "AccessRevoked", "ServiceRequestFulfilled", "ServiceRequestCanceled",
            "ServiceRequestClosed");

    private final TimerService timers;
    private final Clock clock;

    RequestEventHandler(TimerService timers, Clock clock) {
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        if (!TYPES.contains(event.name())) {
            return; // tolerant reader: unknown types are not ours to judge
        }
        timers.onRequestEvent(RequestFacts.from(event, clock.instant()));
    }
}
