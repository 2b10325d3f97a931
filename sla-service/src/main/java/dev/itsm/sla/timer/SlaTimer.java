package dev.itsm.sla.timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.itsm.sla.calendar.BusinessCalendar;
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
    public UUID id;
    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;
    @Column(name = "incident_number")
    public String incidentNumber;
    @Column(name = "service_id")
    public UUID serviceId;
    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;
    @Column(name = "agreement_revision", nullable = false)
    public int agreementRevision;
    @Column(name = "agreement_name", nullable = false)
    public String agreementName;
    @Column(name = "calendar_id", nullable = false)
    public UUID calendarId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Metric metric;
    @Column(nullable = false)
    public String priority;
    @Column(name = "target_millis", nullable = false)
    public long targetMillis;
    /** Ascending percentages, e.g. {@code 50,75}. */
    @Column(name = "warning_thresholds", nullable = false)
    public String warningThresholds;
    /** Highest threshold already announced (0 = none). */
    @Column(name = "warned_percent", nullable = false)
    public int warnedPercent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ClockPhase phase;
    @Column(nullable = false)
    public boolean breached;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "running_since")
    public Instant runningSince;
    @Column(name = "accumulated_millis", nullable = false)
    public long accumulatedMillis;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "breached_at")
    public Instant breachedAt;
    /** When the target is reached if the clock keeps running; null unless running. */
    @Column(name = "due_at")
    public Instant dueAt;
    /** When the scheduler must look at this timer next (next warning or the breach); null when nothing can happen. */
    @Column(name = "next_check_at")
    public Instant nextCheckAt;
    /** The latest instant any command was applied at; later commands never go back before it. */
    @Column(name = "last_change_at", nullable = false)
    public Instant lastChangeAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100) // the scheduler loads many timers at once: one select per 100 pause lists, not one each
    @CollectionTable(name = "sla_timer_pause", joinColumns = @JoinColumn(name = "timer_id"))
    @OrderColumn(name = "seq")
    public List<PauseInterval> pauses = new ArrayList<>();

    @Version
    public long version;

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

    public Duration elapsed(BusinessCalendar calendar, Instant now) {
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
        if (warningThresholds == null || warningThresholds.isBlank()) {
            return List.of();
        }
        return Arrays.stream(warningThresholds.split(",")).map(String::trim).map(Integer::valueOf).sorted().toList();
    }

    public Facts facts(BusinessCalendar calendar, Instant at) {
        return new Facts(id, incidentId, agreementId, agreementName, metric, priority, state(), targetMillis / 1000,
                elapsed(calendar, at).toSeconds(), dueAt, at);
    }

    // ------------------------------------------------------------------ commands

    /** A running clock from {@code openedAt}; any warnings/breach already due at {@code now} come with it. */
    public static SlaTimer start(UUID incidentId, UUID agreementId, int revision, String agreementName, UUID calendarId,
            Metric metric, String priority, Duration target, List<Integer> thresholds, Instant openedAt,
            BusinessCalendar calendar, Instant now, List<SlaEvent> events) {
        SlaTimer t = new SlaTimer();
        t.id = UUID.randomUUID();
        t.incidentId = incidentId;
        t.agreementId = agreementId;
        t.agreementRevision = revision;
        t.agreementName = agreementName;
        t.calendarId = calendarId;
        t.metric = metric;
        t.priority = priority;
        t.targetMillis = target.toMillis();
        t.warningThresholds = String.join(",", thresholds.stream().sorted().map(String::valueOf).toList());
        t.phase = ClockPhase.RUNNING;
        t.startedAt = openedAt;
        t.runningSince = openedAt;
        t.lastChangeAt = openedAt;
        t.reschedule(calendar);
        events.add(new SlaEvent.SlaTimerStarted(t.facts(calendar, openedAt)));
        events.addAll(t.evaluate(calendar, now));
        return t;
    }

    /** Stops counting; no effect unless running. */
    public List<SlaEvent> pause(String reason, BusinessCalendar calendar, Instant at) {
        if (phase != ClockPhase.RUNNING) {
            return List.of();
        }
        Instant t = clamp(at);
        List<SlaEvent> events = new ArrayList<>(evaluate(calendar, t));
        accumulatedMillis += calendar.between(runningSince, t).toMillis();
        runningSince = null;
        phase = ClockPhase.PAUSED;
        pauses.add(new PauseInterval(t, reason));
        reschedule(calendar);
        events.add(new SlaEvent.SlaTimerPaused(facts(calendar, t)));
        return events;
    }

    /** Counts again; no effect unless paused. */
    public List<SlaEvent> resume(BusinessCalendar calendar, Instant at) {
        if (phase != ClockPhase.PAUSED) {
            return List.of();
        }
        Instant t = clamp(at);
        closeOpenPause(t);
        phase = ClockPhase.RUNNING;
        runningSince = t;
        reschedule(calendar);
        List<SlaEvent> events = new ArrayList<>();
        events.add(new SlaEvent.SlaTimerResumed(facts(calendar, t)));
        events.addAll(evaluate(calendar, t));
        return events;
    }

    /** The target is reached or missed: met when the elapsed time is within the target. No effect unless open. */
    public List<SlaEvent> stop(BusinessCalendar calendar, Instant at) {
        if (!isOpen()) {
            return List.of();
        }
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
            events.add(new SlaEvent.SlaMet(facts(calendar, t)));
        }
        return events;
    }

    /**
     * Reopen: the same clock runs again from {@code at}; the time since it stopped is recorded as a
     * {@code RESOLVED} pause and not counted. No effect unless stopped.
     */
    public List<SlaEvent> reopen(BusinessCalendar calendar, Instant at) {
        if (phase != ClockPhase.STOPPED) {
            return List.of();
        }
        Instant t = clamp(at);
        PauseInterval resolved = new PauseInterval(stoppedAt, "RESOLVED");
        resolved.resumedAt = t;
        pauses.add(resolved);
        stoppedAt = null;
        phase = ClockPhase.RUNNING;
        runningSince = t;
        reschedule(calendar);
        List<SlaEvent> events = new ArrayList<>();
        events.add(new SlaEvent.SlaTimerResumed(facts(calendar, t)));
        events.addAll(evaluate(calendar, t));
        return events;
    }

    /**
     * Priority change: keeps elapsed time and pauses, takes the new priority's target. When the new
     * target is already exceeded the breach is immediate. No effect on stopped or canceled timers.
     */
    public List<SlaEvent> retarget(String newPriority, Duration newTarget, BusinessCalendar calendar, Instant at) {
        if (!isOpen() || (newPriority.equals(priority) && newTarget.toMillis() == targetMillis)) {
            return List.of();
        }
        Instant t = clamp(at);
        List<SlaEvent> events = new ArrayList<>(evaluate(calendar, t)); // facts under the old target first
        if (phase == ClockPhase.RUNNING) { // checkpoint, so the new due time starts from here
            accumulatedMillis += calendar.between(runningSince, t).toMillis();
            runningSince = t;
        }
        priority = newPriority;
        targetMillis = newTarget.toMillis();
        // thresholds already passed under the new target are announced again only if not yet announced
        reschedule(calendar);
        events.addAll(evaluate(calendar, t));
        return events;
    }

    /** The incident was canceled: the timer ends without a verdict. No effect unless open. */
    public List<SlaEvent> cancel(BusinessCalendar calendar, Instant at) {
        if (!isOpen()) {
            return List.of();
        }
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
        return List.of(new SlaEvent.SlaTimerCanceled(facts(calendar, t)));
    }

    /**
     * Announces every warning threshold and the breach that has been reached by {@code now} and not yet
     * announced (each exactly once), then plans the next check. Used by the scheduler and after every command.
     */
    public List<SlaEvent> evaluate(BusinessCalendar calendar, Instant now) {
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
            events.add(new SlaEvent.SlaBreached(facts(calendar, now)));
        } else if (!breached) {
            for (int pct : thresholds()) {
                if (pct > warnedPercent && elapsed * 100 >= (long) pct * targetMillis) {
                    warnedPercent = pct;
                    events.add(new SlaEvent.SlaWarning(facts(calendar, now), pct));
                }
            }
        }
        if (!events.isEmpty()) {
            lastChangeAt = later(now, lastChangeAt);
        }
        reschedule(calendar);
        return events;
    }

    // ------------------------------------------------------------------ internals

    /** Recomputes the due time and the next instant the scheduler has to look at this timer. */
    void reschedule(BusinessCalendar calendar) {
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

    private void closeOpenPause(Instant t) {
        if (!pauses.isEmpty()) {
            PauseInterval last = pauses.get(pauses.size() - 1);
            if (last.resumedAt == null) {
                last.resumedAt = t;
            }
        }
    }

    /** Commands never go back in time: a late event takes effect at the latest instant already applied. */
    private Instant clamp(Instant at) {
        Instant t = later(at, lastChangeAt);
        lastChangeAt = t;
        return t;
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
