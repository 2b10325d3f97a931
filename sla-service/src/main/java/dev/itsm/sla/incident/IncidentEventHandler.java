package dev.itsm.sla.incident;

import java.time.Clock;
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
    private final Clock clock;

    IncidentEventHandler(TimerService timers, Clock clock) {
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
        timers.onIncidentEvent(IncidentFacts.from(event, clock.instant()));
    }
}
