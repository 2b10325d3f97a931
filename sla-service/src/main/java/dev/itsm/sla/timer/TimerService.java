package dev.itsm.sla.timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.itsm.platform.events.Outbox;
import dev.itsm.sla.agreement.Agreement;
import dev.itsm.sla.agreement.AgreementDefinition;
import dev.itsm.sla.agreement.AgreementStatus;
import dev.itsm.sla.agreement.Agreements;
import dev.itsm.sla.calendar.BusinessCalendar;
import dev.itsm.sla.calendar.Calendars;
import dev.itsm.sla.events.SlaEvent;
import dev.itsm.sla.incident.IncidentFacts;
import dev.itsm.sla.incident.SlaIncident;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Drives timers from incident facts, and announces warnings and breaches found by the scheduler.
 * Every state change and its events commit together (outbox).
 */
@ApplicationScoped
public class TimerService {

    private static final Logger LOG = Logger.getLogger(TimerService.class);

    private final Calendars calendars;
    private final Agreements agreements;
    private final Outbox outbox;
    private final EntityManager em;

    TimerService(Calendars calendars, Agreements agreements, Outbox outbox, EntityManager em) {
        this.calendars = calendars;
        this.agreements = agreements;
        this.outbox = outbox;
        this.em = em;
    }

    /**
     * Applies one incident event. Runs in the consumer's inbox transaction (a redelivered ce_id never
     * gets here); a stale event (older than the last one applied) changes nothing.
     */
    @Transactional
    public List<SlaEvent> onIncidentEvent(IncidentFacts f) {
        SlaIncident incident = SlaIncident.findById(f.incidentId(), LockModeType.PESSIMISTIC_WRITE);
        List<SlaEvent> events = new ArrayList<>();
        if (incident == null) {
            incident = new SlaIncident();
            incident.incidentId = f.incidentId();
            incident.openedAt = f.openedAt();
            incident.lastEventAt = f.occurredAt();
            remember(incident, f);
            incident.persist();
            if (!"IncidentCanceled".equals(f.type()) && !"IncidentClosed".equals(f.type())) {
                // whatever path created the incident: the first event we see starts its clocks at openedAt
                startTimers(incident, f.occurredAt(), events);
            }
        } else if (f.occurredAt().isBefore(incident.lastEventAt)) {
            LOG.infof("ignoring stale %s for incident %s (%s is before %s)", f.type(), f.incidentId(), f.occurredAt(), incident.lastEventAt);
            return List.of();
        } else {
            incident.lastEventAt = f.occurredAt();
            remember(incident, f);
        }
        List<SlaTimer> timers = SlaTimer.<SlaTimer>find("incidentId", f.incidentId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        Instant at = f.occurredAt();
        for (SlaTimer t : timers) {
            BusinessCalendar cal = calendars.get(t.calendarId);
            AgreementDefinition def = agreements.revision(t.agreementId, t.agreementRevision);
            switch (f.type()) {
                case "IncidentAcknowledged", "IncidentAssigned" -> {
                    if (t.metric == Metric.TIME_TO_RESPOND) {
                        events.addAll(t.stop(cal, at));
                    }
                }
                case "IncidentResolved", "IncidentClosed" -> events.addAll(t.stop(cal, at));
                case "IncidentCanceled" -> events.addAll(t.cancel(cal, at));
                case "IncidentReopened" -> {
                    if (t.metric == Metric.TIME_TO_RESOLVE) {
                        events.addAll(t.reopen(cal, at));
                    }
                }
                default -> {
                }
            }
            // every payload carries the full facts: follow the priority and the pause conditions whatever the type
            if (t.isOpen() && incident.priority != null && !incident.priority.equals(t.priority)) {
                Optional<Duration> target = def.target(t.metric, incident.priority);
                if (target.isPresent()) {
                    events.addAll(t.retarget(incident.priority, target.get(), cal, at));
                } else {
                    LOG.infof("timer %s keeps its %s target: agreement %s has none for %s", t.id, t.priority, t.agreementName, incident.priority);
                }
            }
            if (t.isOpen()) {
                boolean pause = def.pausesIn(incident.state, incident.holdReason);
                if (pause && t.phase == ClockPhase.RUNNING) {
                    events.addAll(t.pause(pauseReason(incident), cal, at));
                } else if (!pause && t.phase == ClockPhase.PAUSED) {
                    events.addAll(t.resume(cal, at));
                }
            }
            events.addAll(t.evaluate(cal, at)); // wall-clock checks are the scheduler's job
        }
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        return events;
    }

    private static String pauseReason(SlaIncident incident) {
        return "ON_HOLD".equals(incident.state) && incident.holdReason != null ? "ON_HOLD:" + incident.holdReason : incident.state;
    }

    private static void remember(SlaIncident incident, IncidentFacts f) {
        if (f.number() != null) {
            incident.number = f.number();
        }
        if (f.serviceId() != null) {
            incident.serviceId = f.serviceId();
        }
        if (f.category() != null) {
            incident.category = f.category();
        }
        if (f.priority() != null) {
            incident.priority = f.priority();
        }
        if (f.state() != null) {
            incident.state = f.state();
        }
        if ("IncidentPutOnHold".equals(f.type())) {
            incident.holdReason = f.holdReason();
        } else if (!"ON_HOLD".equals(incident.state)) {
            incident.holdReason = null;
        } else if (f.holdReason() != null) {
            incident.holdReason = f.holdReason();
        }
    }

    private void startTimers(SlaIncident incident, Instant now, List<SlaEvent> events) {
        if (incident.priority == null) {
            return;
        }
        for (Agreement a : Agreement.<Agreement>list("status", AgreementStatus.ACTIVE)) {
            AgreementDefinition def = agreements.revision(a.id, a.revision);
            if (!def.covers(incident.serviceId, incident.priority, incident.category)) {
                continue;
            }
            BusinessCalendar cal = calendars.get(def.calendarId());
            for (Metric metric : Metric.values()) {
                Optional<Duration> target = def.target(metric, incident.priority);
                if (target.isEmpty()) {
                    continue;
                }
                SlaTimer t = SlaTimer.start(incident.incidentId, a.id, a.revision, def.name(), def.calendarId(), metric, incident.priority,
                        target.get(), def.warningThresholds(), incident.openedAt, cal, now, events);
                t.incidentNumber = incident.number;
                t.serviceId = incident.serviceId;
                t.persist();
            }
        }
        em.flush(); // the timers must be visible to the locking query that follows
    }

    /**
     * One scheduler round: claims up to {@code limit} timers whose next check is due (rows locked by
     * another instance are skipped), announces what is due, and plans their next check.
     *
     * @return how many timers were claimed
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public int processDue(Instant now, int limit) {
        List<SlaTimer> due = em.createNativeQuery("""
                select * from sla_timer where next_check_at <= ?1
                order by next_check_at limit ?2 for update skip locked""", SlaTimer.class)
                .setParameter(1, now).setParameter(2, limit).getResultList();
        List<SlaEvent> events = new ArrayList<>();
        for (SlaTimer t : due) {
            events.addAll(t.evaluate(calendars.get(t.calendarId), now));
        }
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        return due.size();
    }

    public List<SlaTimer> forIncident(UUID incidentId) {
        return SlaTimer.list("incidentId", Sort.by("startedAt").and("agreementName").and("metric"), incidentId);
    }
}
