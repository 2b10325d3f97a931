package dev.itsm.sla.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import dev.itsm.sla.timer.TimerService;
import jakarta.enterprise.context.ApplicationScoped;

/** Consumes {@code itsm.incident.events} and drives the SLA timers (idempotent through the platform inbox). */
@ApplicationScoped
public class IncidentEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.incident.events";

    static final Set<String> TYPES = Set.of("IncidentOpened", "IncidentAcknowledged", "IncidentAssigned", "IncidentPriorityChanged",
            "IncidentPutOnHold", "IncidentResumed", "IncidentResolved", "IncidentReopened", "IncidentClosed", "IncidentCanceled",
            "MajorIncidentDeclared");

    private final TimerService timers;
    private final IncidentWatermark watermark;
    private final Clock clock;

    IncidentEventHandler(TimerService timers, IncidentWatermark watermark, Clock clock) {
        this.timers = timers;
        this.watermark = watermark;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        Instant now = clock.instant();
        // every event read moves the stream on, known type or not; an event dated in the future only up to now
        Instant occurredAt = event.occurredAt(now);
        watermark.advance(occurredAt.isAfter(now) ? now : occurredAt);
        if (!TYPES.contains(event.name())) {
            return; // tolerant reader: unknown types are not ours to judge
        }
        timers.onIncidentEvent(IncidentFacts.from(event, now));
    }
}
