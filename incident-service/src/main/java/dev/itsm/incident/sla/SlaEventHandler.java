package dev.itsm.incident.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.incident.HistoryRecorder;
import dev.itsm.incident.Incident;
import dev.itsm.incident.IncidentHistory.Change;
import dev.itsm.incident.sla.SlaTimerReplica.Status;
import dev.itsm.incident.sla.SlaTimerReplica.TimerState;
import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns {@code itsm.sla.events} into the SLA timers shown on an incident, one per timer (agreement ×
 * metric), including re-targets after a priority change. A breach of a P1/P2 incident also adds a
 * history entry. Unknown types and timers of other records (service requests) are ignored; a stale event (older than what the timer's replica holds)
 * changes nothing.
 */
@ApplicationScoped
public class SlaEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.sla.events";
    static final String ACTOR = "sla-service";
    static final String RETARGETED = "SlaTimerRetargeted";

    private final Clock clock;
    private final HistoryRecorder history;

    SlaEventHandler(Clock clock, HistoryRecorder history) {
        this.clock = clock;
        this.history = history;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        if (!aboutAnIncident(event)) {
            return;
        }
        Status announced = statusOf(event);
        if (announced == null && !event.is(RETARGETED)) {
            return;
        }
        UUID incidentId = event.requiredUuid("incidentId");
        String metric = event.requiredText("metric");
        if (metric.isBlank()) {
            throw event.poison("metric is blank");
        }
        Instant at = event.occurredAt(clock.instant());
        SlaTimerReplica timer = SlaTimerReplica.of(event.requiredUuid("timerId"));
        boolean newlyBreached = timer.report(announced, new SlaTimerReplica.Report(incidentId, event.uuid("agreementId"),
                event.text("agreementName"), metric, timerState(event), event.longValue("targetSeconds"),
                event.longValue("elapsedBusinessSeconds"), event.instant("dueAt")), at);
        timer.persist();

        if (newlyBreached) {
            Incident incident = Incident.findById(incidentId);
            if (incident != null && incident.priority().isHigh()) {
                history.record(incidentId, ACTOR, "sla-breached",
                        List.of(new Change("sla." + metric, "RUNNING", "BREACHED")),
                        metric + " of " + incident.priority() + " incident " + incident.number() + " breached"
                                + (timer.agreementName() == null ? "" : " (agreement " + timer.agreementName() + ")")
                                + (timer.dueAt() == null ? "" : "; it was due at " + timer.dueAt()),
                        at);
            }
        }
    }

    /**
     * Whether a timer event is about an incident: sla-service also times other records (service requests,
     * {@code recordKind} REQUEST, with a null incidentId), which are not this service's to show. An event without
     * {@code recordKind} comes from before record kinds existed, when every timer was an incident's.
     */
    static boolean aboutAnIncident(InboundEvent e) {
        String kind = e.text("recordKind");
        return kind == null || INCIDENT.equals(kind);
    }

    static final String INCIDENT = "INCIDENT";

    /** The status an event announces; null for a re-target (it announces a new target, not a status). */
    static Status statusOf(InboundEvent e) {
        if (e.is("SlaTimerStarted") || e.is("SlaTimerResumed")) {
            return Status.RUNNING;
        }
        if (e.is("SlaTimerPaused")) {
            return Status.PAUSED;
        }
        if (e.is("SlaWarning")) {
            return Status.WARNING;
        }
        if (e.is("SlaBreached")) {
            return Status.BREACHED;
        }
        if (e.is("SlaMet")) {
            return Status.MET;
        }
        if (e.is("SlaTimerCanceled")) {
            return Status.CANCELED;
        }
        return null;
    }

    /**
     * The timer's state as the event's facts report it; null when absent or a state this service does
     * not know yet (tolerant reader: the announced status still tells what happened).
     */
    private static TimerState timerState(InboundEvent event) {
        String state = event.text("state");
        for (TimerState known : TimerState.values()) {
            if (known.name().equals(state)) {
                return known;
            }
        }
        return null;
    }
}
