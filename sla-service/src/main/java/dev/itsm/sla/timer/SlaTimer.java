package dev.itsm.sla.timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.sla.calendar.WorkingTime;
import dev.itsm.sla.events.SlaEvent;
import dev.itsm.sla.events.SlaEvent.Facts;
import org.hibernate.annotations.BatchSize;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/**
 * One SLA clock: one agreement target (metric) for one incident. The state machine lives here; every
 * command takes the business calendar and the instant it happened at, and returns the events it caused.
 * <p>
 * Elapsed business time = {@code accumulatedMillis} (closed running segments) + business time since
 * {@code runningSince} while running. A pause closes the segment; a re-target keeps the elapsed time
 * and only changes the target; a reopen resumes the same clock, so time spent resolved is not counted.
 * A breach is a flag: the clock keeps measuring time to resolve after it.
 */
@Entity
@Table(name = "sla_timer")
public class SlaTimer extends PanacheEntityBase {

    @Id
    private UUID id;
    /** The record's id for an INCIDENT timer (as before record kinds existed); null for other kinds. */
    @Column(name = "incident_id")
    private UUID incidentId;
    @Column(name = "incident_number")
    private String incidentNumber;
    @Enumerated(EnumType.STRING)
    @Column(name = "record_kind", nullable = false)
    private RecordKind recordKind;
    @Column(name = "record_id", nullable = false)
    private UUID recordId;
    @Column(name = "record_number")
    private String recordNumber;
    @Column(name = "service_id")
    private UUID serviceId;
    /** The offering a REQUEST timer's request ordered; null for incidents. */
    @Column(name = "offering_id")
    private UUID offeringId;
    @Column(name = "agreement_id", nullable = false)
    private UUID agreementId;
    @Column(name = "agreement_revision", nullable = false)
    private int agreementRevision;
    @Column(name = "agreement_name", nullable = false)
    private String agreementName;
    @Column(name = "calendar_id", nullable = false)
    private UUID calendarId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Metric metric;
    /** Null for REQUEST timers: requests have no priority. */
    private String priority;
    @Column(name = "target_millis", nullable = false)
    private long targetMillis;
    /** Ascending percentages, e.g. {@code [50, 75]}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "warning_thresholds", nullable = false, columnDefinition = "jsonb")
    private List<Integer> warningThresholds;
    /** Highest threshold already announced (0 = none). */
    @Column(name = "warned_percent", nullable = false)
    private int warnedPercent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ClockPhase phase;
    @Column(nullable = false)
    private boolean breached;
    @Column(name = "started_at", nullable = false)
    private Instant startedAt;
    @Column(name = "running_since")
    private Instant runningSince;
    @Column(name = "accumulated_millis", nullable = false)
    private long accumulatedMillis;
    @Column(name = "stopped_at")
    private Instant stoppedAt;
    @Column(name = "breached_at")
    private Instant breachedAt;
    /** When the target is reached if the clock keeps running; null unless running. */
    @Column(name = "due_at")
    private Instant dueAt;
    /** When the scheduler must look at this timer next (next warning or the breach); null when nothing can happen. */
    @Column(name = "next_check_at")
    private Instant nextCheckAt;
    /** The latest instant a command was applied at (the start at first); later commands never go back before it. */
    @Column(name = "last_change_at", nullable = false)
    private Instant lastChangeAt;
    /**
     * When the row was last written, by the service's clock (not an event's occurredAt, which may be long
     * past): the changes feed's order. Set by {@link #recordWrite} only when this transaction changed the timer.
     */
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    /** {@link #state()} as the database computes it (a generated column): what {@code ?state=} filters on. */
    @Enumerated(EnumType.STRING)
    @Column(name = "state", insertable = false, updatable = false)
    private TimerState listedState;
    /** Whether a command or an announcement changed the timer since it was loaded (or last recorded). */
    @Transient
    private boolean modified;

    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100) // the scheduler loads many timers at once: one select per 100 pause lists, not one each
    @CollectionTable(name = "sla_timer_pause", joinColumns = @JoinColumn(name = "timer_id"))
    @OrderColumn(name = "seq")
    private List<PauseInterval> pauses = new ArrayList<>();

    @Version
    private long version;

    protected SlaTimer() {
        // for JPA
    }

    // ------------------------------------------------------------------ queries

    public TimerState state() {
        if (phase == ClockPhase.CANCELED) {
            return TimerState.CANCELED;
        }
        if (breached) {
            return TimerState.BREACHED;
        }
        return switch (phase) {
            case RUNNING -> TimerState.RUNNING;
            case PAUSED -> TimerState.PAUSED;
            default -> TimerState.MET;
        };
    }

    public boolean isOpen() {
        return phase == ClockPhase.RUNNING || phase == ClockPhase.PAUSED;
    }

    /** Whether the timer's phase accepts {@code command} (a command it does not accept throws). */
    public boolean accepts(Command command) {
        return phase.allows(command);
    }

    public Duration elapsed(WorkingTime calendar, Instant now) {
        Duration done = Duration.ofMillis(accumulatedMillis);
        if (phase == ClockPhase.RUNNING && now.isAfter(runningSince)) {
            return done.plus(calendar.between(runningSince, now));
        }
        return done;
    }

    public Duration target() {
        return Duration.ofMillis(targetMillis);
    }

    public List<Integer> thresholds() {
        return warningThresholds == null ? List.of() : warningThresholds.stream().sorted().toList();
    }

    public Facts facts(WorkingTime calendar, Instant at) {
        return new Facts(id, incidentId, recordKind, recordId, recordNumber, agreementId, agreementName, metric, priority, state(), targetMillis / 1000,
                elapsed(calendar, at).toSeconds(), dueAt);
    }

    // ------------------------------------------------------------------ commands

    /** What one agreement promises for one metric: the terms a timer starts under. */
    public record Terms(UUID agreementId, int agreementRevision, String agreementName, UUID calendarId, Metric metric,
            String priority, Duration target, List<Integer> thresholds) {
    }

    /** A new timer and the events its start caused. */
    public record Started(SlaTimer timer, List<SlaEvent> events) {
    }

    /**
     * The record a timer measures: its kind, id and number, and what scoped it (the incident's service; the
     * request's first service and its offering).
     */
    public record Subject(RecordKind kind, UUID id, String number, UUID serviceId, UUID offeringId) {

        public static Subject incident(UUID incidentId, String number, UUID serviceId) {
            return new Subject(RecordKind.INCIDENT, incidentId, number, serviceId, null);
        }
    }

    /** An incident's running clock from {@code openedAt}; any warnings/breach already due at {@code now} come with it. */
    public static Started start(UUID incidentId, String incidentNumber, UUID serviceId, Terms terms, Instant openedAt,
            WorkingTime calendar, Instant now) {
        return start(Subject.incident(incidentId, incidentNumber, serviceId), terms, openedAt, calendar, now);
    }

    /** A running clock for {@code subject} from {@code openedAt}; any warnings/breach already due at {@code now} come with it. */
    public static Started start(Subject subject, Terms terms, Instant openedAt, WorkingTime calendar, Instant now) {
        SlaTimer t = new SlaTimer();
        t.id = UUID.randomUUID();
        t.recordKind = subject.kind();
        t.recordId = subject.id();
        t.recordNumber = subject.number();
        // incident timers keep the incident's columns (and the incidentId of their API and events)
        t.incidentId = subject.kind() == RecordKind.INCIDENT ? subject.id() : null;
        t.incidentNumber = subject.kind() == RecordKind.INCIDENT ? subject.number() : null;
        t.serviceId = subject.serviceId();
        t.offeringId = subject.offeringId();
        t.agreementId = terms.agreementId();
        t.agreementRevision = terms.agreementRevision();
        t.agreementName = terms.agreementName();
        t.calendarId = terms.calendarId();
        t.metric = terms.metric();
        t.priority = terms.priority();
        t.targetMillis = terms.target().toMillis();
        t.warningThresholds = new ArrayList<>(terms.thresholds().stream().sorted().toList());
        t.phase = ClockPhase.RUNNING;
        t.startedAt = openedAt;
        t.runningSince = openedAt;
        t.lastChangeAt = openedAt;
        t.reschedule(calendar);
        List<SlaEvent> events = new ArrayList<>();
        events.add(new SlaEvent.SlaTimerStarted(t.facts(calendar, openedAt), openedAt));
        events.addAll(t.evaluate(calendar, now));
        return new Started(t, events);
    }

    /** Stops counting (running only). */
    public List<SlaEvent> pause(String reason, WorkingTime calendar, Instant at) {
        require(Command.PAUSE);
        Instant t = clamp(at);
        List<SlaEvent> events = new ArrayList<>(evaluate(calendar, t));
        accumulatedMillis += calendar.between(runningSince, t).toMillis();
        runningSince = null;
        phase = ClockPhase.PAUSED;
        pauses.add(new PauseInterval(t, null, reason));
        reschedule(calendar);
        events.add(new SlaEvent.SlaTimerPaused(facts(calendar, t), t));
        return events;
    }

    /** Counts again (paused only). */
    public List<SlaEvent> resume(WorkingTime calendar, Instant at) {
        require(Command.RESUME);
        Instant t = clamp(at);
        closeOpenPause(t);
        phase = ClockPhase.RUNNING;
        runningSince = t;
        reschedule(calendar);
        List<SlaEvent> events = new ArrayList<>();
        events.add(new SlaEvent.SlaTimerResumed(facts(calendar, t), t));
        events.addAll(evaluate(calendar, t));
        return events;
    }

    /** The target is reached or missed: met when the elapsed time is within the target (open timers only). */
    public List<SlaEvent> stop(WorkingTime calendar, Instant at) {
        require(Command.STOP);
        Instant t = clamp(at);
        List<SlaEvent> events = new ArrayList<>(evaluate(calendar, t));
        if (phase == ClockPhase.RUNNING) {
            accumulatedMillis += calendar.between(runningSince, t).toMillis();
        } else {
            closeOpenPause(t);
        }
        runningSince = null;
        phase = ClockPhase.STOPPED;
        stoppedAt = t;
        reschedule(calendar);
        if (!breached) {
            events.add(new SlaEvent.SlaMet(facts(calendar, t), t));
        }
        return events;
    }

    /**
     * Reopen (stopped only): the same clock runs again from {@code at}; the time since it stopped is
     * recorded as a {@code RESOLVED} pause and not counted.
     */
    public List<SlaEvent> reopen(WorkingTime calendar, Instant at) {
        require(Command.REOPEN);
        Instant t = clamp(at);
        pauses.add(new PauseInterval(stoppedAt, t, "RESOLVED"));
        stoppedAt = null;
        phase = ClockPhase.RUNNING;
        runningSince = t;
        reschedule(calendar);
        List<SlaEvent> events = new ArrayList<>();
        events.add(new SlaEvent.SlaTimerResumed(facts(calendar, t), t));
        events.addAll(evaluate(calendar, t));
        return events;
    }

    /**
     * Priority change (open timers only): keeps elapsed time and pauses, takes the new priority's target
     * ({@code SlaTimerRetargeted}). When the new target is already exceeded the breach is immediate. The same priority and target
     * change nothing.
     */
    public List<SlaEvent> retarget(String newPriority, Duration newTarget, WorkingTime calendar, Instant at) {
        require(Command.RETARGET);
        if (newPriority.equals(priority) && newTarget.toMillis() == targetMillis) {
            return List.of();
        }
        Instant t = clamp(at);
        List<SlaEvent> events = new ArrayList<>(evaluate(calendar, t)); // facts under the old target first
        if (phase == ClockPhase.RUNNING) { // checkpoint, so the new due time starts from here
            accumulatedMillis += calendar.between(runningSince, t).toMillis();
            runningSince = t;
        }
        long previousTargetSeconds = targetMillis / 1000;
        Instant previousDueAt = dueAt;
        priority = newPriority;
        targetMillis = newTarget.toMillis();
        // thresholds already passed under the new target are announced again only if not yet announced
        reschedule(calendar);
        // announced before what the new target causes at once (a breach), so consumers see the cause first
        events.add(new SlaEvent.SlaTimerRetargeted(facts(calendar, t), previousTargetSeconds, previousDueAt, t));
        events.addAll(evaluate(calendar, t));
        return events;
    }

    /** The record was canceled (a request also when rejected before fulfilment): the timer ends without a verdict (open timers only). */
    public List<SlaEvent> cancel(WorkingTime calendar, Instant at) {
        require(Command.CANCEL);
        Instant t = clamp(at);
        if (phase == ClockPhase.RUNNING) {
            accumulatedMillis += calendar.between(runningSince, t).toMillis();
        } else {
            closeOpenPause(t);
        }
        runningSince = null;
        phase = ClockPhase.CANCELED;
        stoppedAt = t;
        reschedule(calendar);
        return List.of(new SlaEvent.SlaTimerCanceled(facts(calendar, t), t));
    }

    /**
     * Announces every warning threshold and the breach that has been reached by {@code now} and not yet
     * announced (each exactly once), then plans the next check. Not a command: the scheduler and every
     * command call it, and a clock that is not running has nothing to announce.
     */
    public List<SlaEvent> evaluate(WorkingTime calendar, Instant now) {
        if (phase != ClockPhase.RUNNING) {
            return List.of();
        }
        List<SlaEvent> events = new ArrayList<>();
        long elapsed = elapsed(calendar, now).toMillis();
        if (!breached && elapsed > targetMillis) {
            // thresholds not yet announced are skipped: the breach says more than they would
            breached = true;
            breachedAt = dueAt != null && !dueAt.isAfter(now) ? dueAt : now;
            warnedPercent = Math.max(warnedPercent, 100);
            events.add(new SlaEvent.SlaBreached(facts(calendar, now), now));
        } else if (!breached) {
            for (int pct : thresholds()) {
                if (pct > warnedPercent && elapsed * 100 >= (long) pct * targetMillis) {
                    warnedPercent = pct;
                    events.add(new SlaEvent.SlaWarning(facts(calendar, now), pct, now));
                }
            }
        }
        // announcing does not move lastChangeAt: a command that happened earlier (a late hold) still
        // takes effect when it happened, and the scheduler only announces up to the incident stream's watermark
        modified |= !events.isEmpty();
        reschedule(calendar);
        return events;
    }

    // ------------------------------------------------------------------ internals

    private void require(Command command) {
        if (!phase.allows(command)) {
            throw new IllegalTransitionException("SLA timer", phase, command.wireName(), phase.allowedCommands());
        }
    }

    /** Recomputes the due time and the next instant the scheduler has to look at this timer. */
    void reschedule(WorkingTime calendar) {
        Instant dueBefore = dueAt;
        Instant nextBefore = nextCheckAt;
        plan(calendar);
        // a calendar edit can move the due time of a timer nothing else happened to
        modified |= !Objects.equals(dueBefore, dueAt) || !Objects.equals(nextBefore, nextCheckAt);
    }

    private void plan(WorkingTime calendar) {
        if (phase != ClockPhase.RUNNING) {
            dueAt = phase == ClockPhase.PAUSED ? null : dueAt;
            nextCheckAt = null;
            return;
        }
        dueAt = calendar.plus(runningSince, Duration.ofMillis(targetMillis - accumulatedMillis));
        if (targetMillis - accumulatedMillis <= 0) {
            dueAt = runningSince;
        }
        Instant next = null;
        if (!breached) {
            for (int pct : thresholds()) {
                if (pct > warnedPercent) {
                    long needed = -Math.floorDiv(-(long) pct * targetMillis, 100L) - accumulatedMillis;
                    next = needed <= 0 ? runningSince : calendar.plus(runningSince, Duration.ofMillis(needed));
                    break;
                }
            }
            // the breach is the first instant past the due time
            Instant breach = dueAt.plusMillis(1);
            next = next == null || breach.isBefore(next) ? breach : next;
        }
        nextCheckAt = next;
    }

    /**
     * Records {@code writtenAt} (the service's clock, inside the writing transaction) as the row's
     * {@code updatedAt} when this transaction changed the timer, or it is new. Unchanged timers are left
     * alone, so loading and evaluating a timer that has nothing due writes nothing.
     */
    public void recordWrite(Instant writtenAt) {
        if (modified || updatedAt == null) {
            updatedAt = writtenAt;
            modified = false;
        }
    }

    private void closeOpenPause(Instant t) {
        if (!pauses.isEmpty()) {
            pauses.get(pauses.size() - 1).endAt(t);
        }
    }

    /**
     * Commands never go back before the timer's start or an earlier command. A late event otherwise takes
     * effect when it happened (its occurredAt), even after warnings or a breach were announced.
     */
    private Instant clamp(Instant at) {
        modified = true; // every command that gets this far changes the timer
        Instant t = later(at, lastChangeAt);
        lastChangeAt = t;
        return t;
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    // ------------------------------------------------------------------ read access

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String incidentNumber() {
        return incidentNumber;
    }

    public RecordKind recordKind() {
        return recordKind;
    }

    public UUID recordId() {
        return recordId;
    }

    public String recordNumber() {
        return recordNumber;
    }

    public UUID offeringId() {
        return offeringId;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public UUID agreementId() {
        return agreementId;
    }

    public int agreementRevision() {
        return agreementRevision;
    }

    public String agreementName() {
        return agreementName;
    }

    public UUID calendarId() {
        return calendarId;
    }

    public Metric metric() {
        return metric;
    }

    public String priority() {
        return priority;
    }

    public long targetMillis() {
        return targetMillis;
    }

    public ClockPhase phase() {
        return phase;
    }

    public boolean breached() {
        return breached;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant stoppedAt() {
        return stoppedAt;
    }

    public Instant breachedAt() {
        return breachedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant nextCheckAt() {
        return nextCheckAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The next check with the row version it belongs to (the version is current only after a flush). */
    public NextCheck nextCheck() {
        return new NextCheck(id, nextCheckAt, version);
    }

    public List<PauseInterval> pauses() {
        return Collections.unmodifiableList(pauses);
    }

    public long version() {
        return version;
    }
}
