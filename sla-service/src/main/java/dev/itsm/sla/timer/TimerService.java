package dev.itsm.sla.timer;

import java.time.Clock;
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
import dev.itsm.sla.agreement.AgreementRevisionCache;
import dev.itsm.sla.calendar.WorkingTime;
import dev.itsm.sla.calendar.WorkingTimeCache;
import dev.itsm.sla.events.SlaEvent;
import dev.itsm.sla.incident.IncidentFacts;
import dev.itsm.sla.incident.SlaIncident;
import dev.itsm.sla.request.RequestFacts;
import dev.itsm.sla.request.SlaRequest;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Drives timers from incident and service request facts, and announces warnings and breaches found by the scheduler.
 * Every state change and its events commit together (outbox).
 */
@ApplicationScoped
public class TimerService {

    private static final Logger LOG = Logger.getLogger(TimerService.class);
    /** Why a request's clocks pause: a question is open to the requester. */
    static final String AWAITING_REQUESTER = "AWAITING_REQUESTER";

    private final WorkingTimeCache calendars;
    private final AgreementRevisionCache agreements;
    private final Outbox outbox;
    private final EntityManager em;
    private final Event<TimersChanged> changed;
    private final Clock clock;

    TimerService(WorkingTimeCache calendars, AgreementRevisionCache agreements, Outbox outbox, EntityManager em,
            Event<TimersChanged> changed, Clock clock) {
        this.calendars = calendars;
        this.agreements = agreements;
        this.outbox = outbox;
        this.em = em;
        this.changed = changed;
        this.clock = clock;
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
            incident = SlaIncident.firstSeen(f);
            incident.persist();
            if (!"IncidentCanceled".equals(f.type()) && !"IncidentClosed".equals(f.type())) {
                // whatever path created the incident: the first event we see starts its clocks at openedAt
                startTimers(incident, f.occurredAt(), events);
            }
        } else if (incident.isStale(f)) {
            LOG.infof("ignoring stale %s for incident %s (%s is before %s)", f.type(), f.incidentId(), f.occurredAt(), incident.lastEventAt());
            return List.of();
        } else {
            incident.apply(f);
        }
        List<SlaTimer> timers = SlaTimer.<SlaTimer>find("incidentId", f.incidentId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        Instant at = f.occurredAt();
        for (SlaTimer t : timers) {
            WorkingTime cal = calendars.get(t.calendarId());
            AgreementDefinition def = agreements.revision(t.agreementId(), t.agreementRevision());
            // Incident events repeat what a timer may already know (a second assignment, closing a resolved
            // incident, canceling one whose timers are decided, a redelivered fact under a new ce_id): a timer
            // whose phase does not accept the command is skipped for that event, explicitly, instead of failing it.
            switch (f.type()) {
                case "IncidentAcknowledged", "IncidentAssigned" -> {
                    if (t.metric() == Metric.TIME_TO_RESPOND && t.accepts(Command.STOP)) {
                        events.addAll(t.stop(cal, at));
                    }
                }
                case "IncidentResolved", "IncidentClosed" -> {
                    if (t.accepts(Command.STOP)) {
                        events.addAll(t.stop(cal, at));
                    }
                }
                case "IncidentCanceled" -> {
                    if (t.accepts(Command.CANCEL)) {
                        events.addAll(t.cancel(cal, at));
                    }
                }
                case "IncidentReopened" -> {
                    if (t.metric() == Metric.TIME_TO_RESOLVE && t.accepts(Command.REOPEN)) {
                        events.addAll(t.reopen(cal, at));
                    }
                }
                default -> {
                }
            }
            // every payload carries the full facts: follow the priority and the pause conditions whatever the type
            String priority = incident.priority();
            if (t.accepts(Command.RETARGET) && priority != null && !priority.equals(t.priority())) {
                Optional<Duration> target = def.target(t.metric(), priority);
                if (target.isPresent()) {
                    events.addAll(t.retarget(priority, target.get(), cal, at));
                } else {
                    LOG.infof("timer %s keeps its %s target: agreement %s has none for %s", t.id(), t.priority(), t.agreementName(), priority);
                }
            }
            boolean pause = def.pausesIn(incident.state(), incident.holdReason());
            if (pause && t.accepts(Command.PAUSE)) {
                events.addAll(t.pause(incident.pauseReason(), cal, at));
            } else if (!pause && t.accepts(Command.RESUME)) {
                events.addAll(t.resume(cal, at));
            }
            events.addAll(t.evaluate(cal, at)); // wall-clock checks are the scheduler's job
        }
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        announceNextChecks(timers);
        return events;
    }

    private void startTimers(SlaIncident incident, Instant now, List<SlaEvent> events) {
        if (incident.priority() == null) {
            return;
        }
        for (Agreement.ActiveRevision a : Agreement.activeRevisions()) {
            AgreementDefinition def = agreements.revision(a.id(), a.revision());
            if (!def.covers(incident.serviceId(), incident.priority(), incident.category())) {
                continue;
            }
            WorkingTime cal = calendars.get(def.calendarId());
            for (Metric metric : Metric.of(RecordKind.INCIDENT)) {
                Optional<Duration> target = def.target(metric, incident.priority());
                if (target.isEmpty()) {
                    continue;
                }
                SlaTimer.Terms terms = new SlaTimer.Terms(a.id(), a.revision(), def.name(), def.calendarId(), metric, incident.priority(),
                        target.get(), def.warningThresholds());
                SlaTimer.Started started = SlaTimer.start(incident.incidentId(), incident.number(), incident.serviceId(), terms,
                        incident.openedAt(), cal, now);
                started.timer().recordWrite(clock.instant());
                started.timer().persist();
                events.addAll(started.events());
            }
        }
        em.flush(); // the timers must be visible to the locking query that follows
    }

    /**
     * Applies one service request event (design: request SLAs). Runs in the consumer's inbox transaction; a stale
     * event changes nothing. Clocks start at {@code submittedAt} on the first event seen of a request that is not
     * final yet, for every ACTIVE REQUEST agreement whose scope names the offering or one of the request's services;
     * they pause while the request awaits the requester. TIME_TO_APPROVE stops on the approval decision (an automatic
     * approval stops it at once); TIME_TO_FULFIL stops on fulfilment; a rejection or cancellation ends what is still
     * open without a verdict. A timer whose phase does not accept what an event asks of it is skipped for that event.
     */
    @Transactional
    public List<SlaEvent> onRequestEvent(RequestFacts f) {
        SlaRequest request = SlaRequest.findById(f.requestId(), LockModeType.PESSIMISTIC_WRITE);
        List<SlaEvent> events = new ArrayList<>();
        if (request == null) {
            request = SlaRequest.firstSeen(f);
            request.persist();
            if (!f.isFinal()) {
                startRequestTimers(request, events);
            }
        } else if (request.isStale(f)) {
            LOG.infof("ignoring stale %s for request %s (%s is before %s)", f.type(), f.requestId(), f.occurredAt(), request.lastEventAt());
            return List.of();
        } else {
            request.apply(f);
        }
        List<SlaTimer> timers = SlaTimer.<SlaTimer>find("recordKind = ?1 and recordId = ?2", RecordKind.REQUEST, f.requestId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        Instant at = f.occurredAt();
        for (SlaTimer t : timers) {
            WorkingTime cal = calendars.get(t.calendarId());
            switch (f.type()) {
                case "RequestApproved" -> {
                    if (t.metric() == Metric.TIME_TO_APPROVE && t.accepts(Command.STOP)) {
                        events.addAll(t.stop(cal, at));
                    }
                }
                case "RequestRejected" -> {
                    // the approvers decided (in time or not); there is nothing left to fulfil
                    if (t.metric() == Metric.TIME_TO_APPROVE && t.accepts(Command.STOP)) {
                        events.addAll(t.stop(cal, at));
                    } else if (t.accepts(Command.CANCEL)) {
                        events.addAll(t.cancel(cal, at));
                    }
                }
                case "ServiceRequestFulfilled", "ServiceRequestClosed" -> {
                    if (t.accepts(Command.STOP)) {
                        events.addAll(t.stop(cal, at));
                    }
                }
                case "ServiceRequestCanceled" -> {
                    if (t.accepts(Command.CANCEL)) {
                        events.addAll(t.cancel(cal, at));
                    }
                }
                default -> {
                }
            }
            // every payload carries the full facts: follow awaitingRequester whatever the type
            if (request.awaitingRequester() && t.accepts(Command.PAUSE)) {
                events.addAll(t.pause(AWAITING_REQUESTER, cal, at));
            } else if (!request.awaitingRequester() && t.accepts(Command.RESUME)) {
                events.addAll(t.resume(cal, at));
            }
            events.addAll(t.evaluate(cal, at)); // wall-clock checks are the scheduler's job
        }
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        announceNextChecks(timers);
        return events;
    }

    private void startRequestTimers(SlaRequest request, List<SlaEvent> events) {
        UUID firstService = request.serviceIds().isEmpty() ? null : request.serviceIds().get(0);
        SlaTimer.Subject subject = new SlaTimer.Subject(RecordKind.REQUEST, request.requestId(), request.number(), firstService,
                request.offeringId());
        for (Agreement.ActiveRevision a : Agreement.activeRevisions()) {
            AgreementDefinition def = agreements.revision(a.id(), a.revision());
            if (!def.coversRequest(request.offeringId(), request.serviceIds())) {
                continue;
            }
            WorkingTime cal = calendars.get(def.calendarId());
            for (Metric metric : Metric.of(RecordKind.REQUEST)) {
                Optional<Duration> target = def.target(metric, null);
                if (target.isEmpty()) {
                    continue;
                }
                SlaTimer.Terms terms = new SlaTimer.Terms(a.id(), a.revision(), def.name(), def.calendarId(), metric, null,
                        target.get(), def.warningThresholds());
                SlaTimer.Started started = SlaTimer.start(subject, terms, request.submittedAt(), cal, request.lastEventAt());
                started.timer().recordWrite(clock.instant());
                started.timer().persist();
                events.addAll(started.events());
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
            events.addAll(t.evaluate(calendars.get(t.calendarId()), now));
        }
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        announceNextChecks(due);
        return due.size();
    }

    /**
     * The next checks of the timers this transaction changed, for this instance's wake-ups once it commits.
     * Flushed first so each carries the row version it commits with; every timer the transaction changed
     * gets its {@code updatedAt} from the clock here, just before the write.
     */
    private void announceNextChecks(List<SlaTimer> changedTimers) {
        if (!changedTimers.isEmpty()) {
            Instant now = clock.instant();
            changedTimers.forEach(t -> t.recordWrite(now)); // the changes feed's updatedAt, only on timers that changed
            em.flush();
            changed.fire(TimersChanged.of(changedTimers));
        }
    }

    /**
     * Next checks due up to {@code upTo}, earliest first, at most {@code limit}: what the scheduler keeps in memory.
     * A range scan of the partial index {@code sla_timer_next_check}.
     */
    @Transactional
    public List<NextCheck> nextChecks(Instant upTo, int limit) {
        return em.createQuery("""
                select new dev.itsm.sla.timer.NextCheck(t.id, t.nextCheckAt, t.version) from SlaTimer t
                where t.nextCheckAt <= :upTo order by t.nextCheckAt""", NextCheck.class)
                .setParameter("upTo", upTo).setMaxResults(limit).getResultList();
    }

    public List<SlaTimer> forIncident(UUID incidentId) {
        return SlaTimer.list("incidentId", Sort.by("startedAt").and("agreementName").and("metric"), incidentId);
    }
}
