package dev.itsm.incident.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.incident.HistoryRecorder;
import dev.itsm.incident.Incident;
import dev.itsm.incident.api.HistoryEntryView.FieldChange;
import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import dev.itsm.platform.events.PoisonEventException;
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

    private final HistoryRecorder history;

    SlaEventHandler(HistoryRecorder history) {
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
        JsonNode d = event.data();
        UUID incidentId = uuid(d.path("incidentId").asText(null), event);
        String metric = d.path("metric").asText(null);
        if (metric == null || metric.isBlank()) {
            throw new PoisonEventException(event.type() + " " + event.id() + " has no metric");
        }
        Instant at = instant(d.path("occurredAt").asText(null), event.time() != null ? event.time() : Instant.now());

        SlaStatus s = SlaStatus.findById(new SlaStatus.Key(incidentId, metric));
        if (s == null) {
            s = new SlaStatus();
            s.incidentId = incidentId;
            s.metric = metric;
        } else if (s.lastEventAt.isAfter(at)) {
            return;
        }
        String timerId = d.path("timerId").asText(null);
        if (s.timerId != null && timerId != null && !timerId.equals(s.timerId) && status == SlaStatus.Status.RUNNING) {
            s.breached = false; // a new timer for the metric (e.g. after a reopen) starts with a clean record
        }
        boolean newlyBreached = status == SlaStatus.Status.BREACHED && !s.breached;
        s.status = status;
        s.breached = s.breached || status == SlaStatus.Status.BREACHED;
        s.timerId = timerId != null ? timerId : s.timerId;
        s.agreementId = d.path("agreementId").asText(s.agreementId);
        s.agreementName = d.path("agreementName").asText(s.agreementName);
        s.targetSeconds = d.hasNonNull("targetSeconds") ? Long.valueOf(d.get("targetSeconds").asLong()) : s.targetSeconds;
        s.elapsedBusinessSeconds = d.hasNonNull("elapsedBusinessSeconds")
                ? Long.valueOf(d.get("elapsedBusinessSeconds").asLong()) : s.elapsedBusinessSeconds;
        s.dueAt = d.hasNonNull("dueAt") ? instant(d.get("dueAt").asText(), s.dueAt) : s.dueAt;
        s.lastEventAt = at;
        s.persist();

        if (newlyBreached) {
            Incident incident = Incident.findById(incidentId);
            if (incident != null && incident.priority().isHigh()) {
                history.record(incidentId, ACTOR, "sla-breached",
                        List.of(new FieldChange("sla." + metric, "RUNNING", "BREACHED")),
                        metric + " of " + incident.priority() + " incident " + incident.number() + " breached"
                                + (s.agreementName == null ? "" : " (agreement " + s.agreementName + ")")
                                + (s.dueAt == null ? "" : "; it was due at " + s.dueAt),
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

    private static UUID uuid(String raw, InboundEvent event) {
        try {
            return UUID.fromString(raw);
        } catch (RuntimeException e) {
            throw new PoisonEventException(event.type() + " " + event.id() + " has no valid incidentId: " + raw, e);
        }
    }

    private static Instant instant(String raw, Instant fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            return Instant.parse(raw);
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
