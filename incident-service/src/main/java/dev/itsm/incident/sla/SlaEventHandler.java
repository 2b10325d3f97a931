package dev.itsm.incident.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.incident.HistoryRecorder;
import dev.itsm.incident.Incident;
import dev.itsm.incident.IncidentHistory.Change;
import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns {@code itsm.sla.events} into the per-metric SLA status shown on an incident. A breach of a
 * P1/P2 incident also adds a history entry. Unknown types are ignored; a stale event (older than
 * the stored status) changes nothing.
 */
@ApplicationScoped
public class SlaEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.sla.events";
    static final String ACTOR = "sla-service";

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
        SlaStatus.Status status = statusOf(event);
        if (status == null) {
            return;
        }
        UUID incidentId = event.requiredUuid("incidentId");
        String metric = event.requiredText("metric");
        if (metric.isBlank()) {
            throw event.poison("metric is blank");
        }
        Instant at = event.occurredAt(clock.instant());
        SlaStatus s = SlaStatus.of(incidentId, metric);
        boolean newlyBreached = s.report(status, new SlaStatus.Report(event.text("timerId"), event.text("agreementId"),
                event.text("agreementName"), seconds(event, "targetSeconds"), seconds(event, "elapsedBusinessSeconds"),
                event.instant("dueAt")), at);
        s.persist();

        if (newlyBreached) {
            Incident incident = Incident.findById(incidentId);
            if (incident != null && incident.priority().isHigh()) {
                history.record(incidentId, ACTOR, "sla-breached",
                        List.of(new Change("sla." + metric, "RUNNING", "BREACHED")),
                        metric + " of " + incident.priority() + " incident " + incident.number() + " breached"
                                + (s.agreementName() == null ? "" : " (agreement " + s.agreementName() + ")")
                                + (s.dueAt() == null ? "" : "; it was due at " + s.dueAt()),
                        at);
            }
        }
    }

    static SlaStatus.Status statusOf(InboundEvent e) {
        if (e.is("SlaTimerStarted") || e.is("SlaTimerResumed")) {
            return SlaStatus.Status.RUNNING;
        }
        if (e.is("SlaTimerPaused")) {
            return SlaStatus.Status.PAUSED;
        }
        if (e.is("SlaWarning")) {
            return SlaStatus.Status.WARNING;
        }
        if (e.is("SlaBreached")) {
            return SlaStatus.Status.BREACHED;
        }
        if (e.is("SlaMet")) {
            return SlaStatus.Status.MET;
        }
        if (e.is("SlaTimerCanceled")) {
            return SlaStatus.Status.CANCELED;
        }
        return null;
    }

    /** A whole number of seconds, or null when absent (InboundEvent has no numeric reader); not a number is poison. */
    private static Long seconds(InboundEvent event, String field) {
        JsonNode n = event.payload().path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong()) {
            throw event.poison(field + " '" + n.asText() + "' is not a whole number");
        }
        return n.asLong();
    }
}
