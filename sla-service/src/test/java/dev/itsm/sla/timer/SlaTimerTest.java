package dev.itsm.sla.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.sla.calendar.WorkingTime;
import dev.itsm.sla.calendar.WorkingTime.WorkInterval;
import dev.itsm.sla.events.SlaEvent;

/** The timer state machine and the due-time arithmetic with pauses, re-targets and reopens (pure, no database). */
class SlaTimerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final WorkingTime OFFICE = office();

    static WorkingTime office() {
        Map<DayOfWeek, List<WorkInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, List.of(WorkInterval.of("09:00", "17:00")));
        }
        return new WorkingTime(BERLIN, week, List.of(), List.of());
    }

    static Instant berlin(String t) {
        return LocalDateTime.parse(t).atZone(BERLIN).toInstant();
    }

    static Duration h(long hours) {
        return Duration.ofHours(hours);
    }

    static SlaTimer timer(Duration target, Instant openedAt, List<SlaEvent> events) {
        SlaTimer.Terms terms = new SlaTimer.Terms(UUID.randomUUID(), 1, "Gold", UUID.randomUUID(), Metric.TIME_TO_RESOLVE, "P3",
                target, List.of(50, 75));
        SlaTimer.Started started = SlaTimer.start(UUID.randomUUID(), "INC0001001", null, terms, openedAt, OFFICE, openedAt);
        events.addAll(started.events());
        return started.timer();
    }

    static SlaTimer timer(Duration target, Instant openedAt) {
        return timer(target, openedAt, new ArrayList<>());
    }

    static List<String> names(List<SlaEvent> events) {
        return events.stream().map(SlaEvent::eventType).toList();
    }

    // ------------------------------------------------------------------ record kinds

    @Test
    void aRequestTimerNamesItsRecordAndHasNoIncidentOrPriority() {
        UUID requestId = UUID.randomUUID();
        UUID offeringId = UUID.randomUUID();
        SlaTimer.Terms terms = new SlaTimer.Terms(UUID.randomUUID(), 1, "Laptops", UUID.randomUUID(), Metric.TIME_TO_FULFIL, null,
                h(8), List.of(50));
        Instant at = berlin("2026-12-01T09:00");
        SlaTimer.Started started = SlaTimer.start(new SlaTimer.Subject(RecordKind.REQUEST, requestId, "REQ0001042", null, offeringId),
                terms, at, OFFICE, at);
        SlaTimer t = started.timer();
        SlaEvent.Facts facts = started.events().get(0).facts();
        assertEquals(List.of(RecordKind.REQUEST, requestId, "REQ0001042"), List.of(facts.recordKind(), facts.recordId(), facts.recordNumber()));
        assertEquals(null, facts.incidentId());
        assertEquals(null, facts.priority());
        assertEquals(requestId.toString(), started.events().get(0).aggregateId(), "keyed by the request");
        assertEquals(null, t.incidentId());
        assertEquals(offeringId, t.offeringId());
        assertEquals(berlin("2026-12-01T17:00"), t.dueAt());
    }

    @Test
    void anIncidentTimerKeepsItsIncidentIdAsTheRecord() {
        SlaTimer t = timer(h(4), berlin("2026-12-01T09:00"));
        assertEquals(RecordKind.INCIDENT, t.recordKind());
        assertEquals(t.incidentId(), t.recordId());
        assertEquals("INC0001001", t.recordNumber());
    }

    // ------------------------------------------------------------------ due time with pauses

    @Test
    void startingEmitsTimerStartedWithTheBusinessDueTime() {
        List<SlaEvent> events = new ArrayList<>();
        SlaTimer t = timer(h(4), berlin("2026-11-28T22:00"), events); // Saturday night
        assertEquals(List.of("SlaTimerStarted"), names(events));
        assertEquals(berlin("2026-11-30T13:00"), t.dueAt());
        assertEquals(TimerState.RUNNING, t.state());
        SlaEvent.SlaTimerStarted started = (SlaEvent.SlaTimerStarted) events.get(0);
        assertEquals(4 * 3600, started.facts().targetSeconds());
        assertEquals(0, started.facts().elapsedBusinessSeconds());
        assertEquals(berlin("2026-11-30T13:00"), started.facts().dueAt());
    }

    @Test
    void aPauseSpanningAWeekendCountsNeitherTheWeekendNorThePausedWorkingHours() {
        SlaTimer t = timer(h(8), berlin("2026-11-27T15:00")); // Friday
        t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-11-27T16:00"));
        assertEquals(TimerState.PAUSED, t.state());
        assertNull(t.dueAt(), "no due time while paused");
        assertEquals(h(1), t.elapsed(OFFICE, berlin("2026-11-30T10:59")));
        t.resume(OFFICE, berlin("2026-11-30T11:00")); // Monday: 09:00-11:00 was paused working time
        assertEquals(h(1), t.elapsed(OFFICE, berlin("2026-11-30T11:00")));
        assertEquals(berlin("2026-12-01T10:00"), t.dueAt(), "7h left from Monday 11:00 = Mon 11-17 + Tue 09-10");
        assertEquals(1, t.pauses().size());
        assertEquals(berlin("2026-11-27T16:00"), t.pauses().get(0).pausedAt());
        assertEquals(berlin("2026-11-30T11:00"), t.pauses().get(0).resumedAt());
    }

    @Test
    void multiplePausesAreAllExcluded() {
        SlaTimer t = timer(h(8), berlin("2026-12-01T09:00")); // Tuesday
        t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-12-01T10:00"));
        t.resume(OFFICE, berlin("2026-12-01T12:00"));
        t.pause("ON_HOLD:AWAITING_VENDOR", OFFICE, berlin("2026-12-01T13:00"));
        t.resume(OFFICE, berlin("2026-12-01T16:00"));
        t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-12-02T09:30"));
        t.resume(OFFICE, berlin("2026-12-02T10:00"));
        // counted: 09-10, 12-13, 16-17, Wed 09:00-09:30 = 3.5h
        assertEquals(Duration.ofMinutes(210), t.elapsed(OFFICE, berlin("2026-12-02T10:00")));
        assertEquals(berlin("2026-12-02T14:30"), t.dueAt());
        assertEquals(3, t.pauses().size());
        List<SlaEvent> stop = t.stop(OFFICE, berlin("2026-12-02T14:00"));
        assertEquals(List.of("SlaWarning", "SlaWarning", "SlaMet"), names(stop), "thresholds reached on the way are announced before the stop");
        assertEquals(TimerState.MET, t.state());
        assertEquals(Duration.ofMinutes(450), t.elapsed(OFFICE, berlin("2026-12-09T00:00")), "a stopped clock does not move");
    }

    @Test
    void aPriorityChangeMidPauseKeepsElapsedTimeAndRetargetsOnResume() {
        SlaTimer t = timer(h(8), berlin("2026-11-27T15:00")); // Friday, P3 = 8h
        t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-11-27T16:00"));
        List<SlaEvent> retarget = t.retarget("P2", h(4), OFFICE, berlin("2026-11-28T12:00"));
        assertEquals(List.of("SlaTimerRetargeted"), names(retarget));
        SlaEvent.SlaTimerRetargeted r = (SlaEvent.SlaTimerRetargeted) retarget.get(0);
        assertEquals(8 * 3600, r.previousTargetSeconds());
        assertNull(r.previousDueAt(), "a paused clock has no due time");
        assertNull(r.facts().dueAt());
        assertEquals("P2", t.priority());
        assertEquals(TimerState.PAUSED, t.state());
        assertEquals(h(1), t.elapsed(OFFICE, berlin("2026-11-30T11:00")));
        t.resume(OFFICE, berlin("2026-11-30T11:00"));
        assertEquals(berlin("2026-11-30T14:00"), t.dueAt(), "3h of the new 4h target left");
        assertEquals(1, t.pauses().size(), "the pause interval is kept");
    }

    @Test
    void aPriorityChangeAnnouncesTheNewTargetAndDueTimeWithThePreviousOnes() {
        SlaTimer t = timer(h(8), berlin("2026-12-01T09:00"));
        Instant previousDue = t.dueAt();
        List<SlaEvent> events = t.retarget("P2", Duration.ofMinutes(30), OFFICE, berlin("2026-12-01T09:10"));
        assertEquals(List.of("SlaTimerRetargeted"), names(events));
        SlaEvent.SlaTimerRetargeted r = (SlaEvent.SlaTimerRetargeted) events.get(0);
        assertEquals("P2", r.facts().priority());
        assertEquals(1800, r.facts().targetSeconds());
        assertEquals(berlin("2026-12-01T09:30"), r.facts().dueAt());
        assertEquals(600, r.facts().elapsedBusinessSeconds());
        assertEquals(TimerState.RUNNING, r.facts().state());
        assertEquals(8 * 3600, r.previousTargetSeconds());
        assertEquals(previousDue, r.previousDueAt());
        assertEquals(berlin("2026-12-01T09:10"), r.occurredAt());
        assertEquals(List.of(), names(t.retarget("P2", Duration.ofMinutes(30), OFFICE, berlin("2026-12-01T09:15"))),
                "the same priority and target announce nothing");
    }

    @Test
    void aPriorityChangeWhileRunningMovesTheDueTimeButNotTheElapsedTime() {
        SlaTimer t = timer(h(8), berlin("2026-12-01T09:00"));
        t.retarget("P1", h(2), OFFICE, berlin("2026-12-01T09:30"));
        assertEquals(berlin("2026-12-01T11:00"), t.dueAt());
        assertEquals(Duration.ofMinutes(30), t.elapsed(OFFICE, berlin("2026-12-01T09:30")));
        t.retarget("P4", h(16), OFFICE, berlin("2026-12-01T10:00"));
        assertEquals(berlin("2026-12-02T17:00"), t.dueAt());
    }

    @Test
    void aPriorityChangeToAnAlreadyExceededTargetBreachesImmediately() {
        SlaTimer t = timer(h(8), berlin("2026-12-01T09:00"));
        assertEquals(List.of("SlaWarning"), names(t.evaluate(OFFICE, berlin("2026-12-01T13:00"))), "the scheduler's 50% warning");
        List<SlaEvent> events = t.retarget("P1", h(2), OFFICE, berlin("2026-12-01T14:00"));
        assertEquals(List.of("SlaTimerRetargeted", "SlaBreached"), names(events), "no stale warnings; the new target, then the breach it causes");
        assertEquals(TimerState.BREACHED, t.state());
        SlaEvent.SlaBreached b = (SlaEvent.SlaBreached) events.get(1);
        assertEquals(5 * 3600, b.facts().elapsedBusinessSeconds());
        assertEquals(2 * 3600, b.facts().targetSeconds());
        assertEquals(TimerState.BREACHED, b.facts().state());
        assertEquals(List.of(), names(t.evaluate(OFFICE, berlin("2026-12-02T14:00"))), "announced once");
    }

    @Test
    void aPriorityChangeDuringAPauseThatExceedsTheTargetBreachesAtOnceToo() {
        SlaTimer t = timer(h(8), berlin("2026-12-01T09:00"));
        t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-12-01T12:00"));
        t.retarget("P1", h(2), OFFICE, berlin("2026-12-01T13:00"));
        assertEquals(TimerState.PAUSED, t.state(), "the breach shows once the clock runs again");
        List<SlaEvent> resumed = t.resume(OFFICE, berlin("2026-12-01T14:00"));
        assertEquals(List.of("SlaTimerResumed", "SlaBreached"), names(resumed));
    }

    // ------------------------------------------------------------------ reopen

    @Test
    void reopenResumesTheSameClockAndTimeSpentResolvedIsNotCounted() {
        SlaTimer t = timer(h(8), berlin("2026-12-01T09:00"));
        assertEquals(List.of("SlaWarning", "SlaMet"), names(t.stop(OFFICE, berlin("2026-12-01T13:00"))));
        assertEquals(TimerState.MET, t.state());
        List<SlaEvent> reopened = t.reopen(OFFICE, berlin("2026-12-02T11:00"));
        assertEquals(List.of("SlaTimerResumed"), names(reopened));
        assertEquals(TimerState.RUNNING, t.state());
        assertEquals(h(4), t.elapsed(OFFICE, berlin("2026-12-02T11:00")), "Tue 13-17 and Wed 09-11 were resolved time");
        assertEquals(berlin("2026-12-02T15:00"), t.dueAt());
        assertEquals("RESOLVED", t.pauses().get(0).reason());
        assertEquals(List.of("SlaWarning", "SlaMet"), names(t.stop(OFFICE, berlin("2026-12-02T14:00"))));
        assertEquals(h(7), t.elapsed(OFFICE, berlin("2026-12-03T00:00")));
    }

    @Test
    void aBreachIsNeverTakenBackAndResolvingAfterItEmitsNoMet() {
        SlaTimer t = timer(h(2), berlin("2026-12-01T09:00"));
        assertEquals(List.of("SlaBreached"), names(t.evaluate(OFFICE, berlin("2026-12-01T12:00"))));
        assertEquals(berlin("2026-12-01T11:00"), t.breachedAt(), "breached at the due time, whenever it is noticed");
        assertEquals(List.of(), names(t.stop(OFFICE, berlin("2026-12-01T13:00"))));
        assertEquals(TimerState.BREACHED, t.state());
        assertEquals(h(4), t.elapsed(OFFICE, berlin("2026-12-01T13:00")), "the clock measured time to resolve beyond the breach");
    }

    @Test
    void resolvingLateButBeforeTheSchedulerNoticedIsStillABreach() {
        SlaTimer t = timer(h(2), berlin("2026-12-01T09:00"));
        assertEquals(List.of("SlaBreached"), names(t.stop(OFFICE, berlin("2026-12-01T11:30"))));
    }

    @Test
    void resolvingExactlyAtTheDueTimeIsMet() {
        SlaTimer t = timer(h(2), berlin("2026-12-01T09:00"));
        List<SlaEvent> events = t.stop(OFFICE, berlin("2026-12-01T11:00"));
        assertEquals("SlaMet", names(events).get(names(events).size() - 1));
        assertTrue(!t.breached());
    }

    // ------------------------------------------------------------------ warnings and scheduling

    @Test
    void warningsAndTheBreachAreEachAnnouncedOnceAndTheNextCheckIsPlanned() {
        SlaTimer t = timer(h(4), berlin("2026-12-01T09:00"));
        assertEquals(berlin("2026-12-01T11:00"), t.nextCheckAt(), "50% of 4h");
        assertEquals(List.of(), names(t.evaluate(OFFICE, berlin("2026-12-01T10:59"))));
        assertEquals(List.of("SlaWarning"), names(t.evaluate(OFFICE, berlin("2026-12-01T11:00"))));
        assertEquals(List.of(), names(t.evaluate(OFFICE, berlin("2026-12-01T11:01"))));
        assertEquals(berlin("2026-12-01T12:00"), t.nextCheckAt(), "75% of 4h");
        assertEquals(List.of("SlaWarning"), names(t.evaluate(OFFICE, berlin("2026-12-01T12:30"))));
        assertEquals(berlin("2026-12-01T13:00").plusMillis(1), t.nextCheckAt(), "the breach");
        assertEquals(List.of(), names(t.evaluate(OFFICE, berlin("2026-12-01T13:00"))), "exactly at the due time is still within target");
        assertEquals(List.of("SlaBreached"), names(t.evaluate(OFFICE, berlin("2026-12-01T13:00:01"))));
        assertNull(t.nextCheckAt(), "nothing left to announce");
        assertEquals(List.of(), names(t.evaluate(OFFICE, berlin("2026-12-05T13:00"))));
    }

    @Test
    void aMissedSchedulerRunAnnouncesOnlyTheBreach() {
        SlaTimer t = timer(h(4), berlin("2026-12-01T09:00"));
        assertEquals(List.of("SlaBreached"), names(t.evaluate(OFFICE, berlin("2026-12-02T09:00"))));
    }

    @Test
    void aPausedTimerIsNotScheduled() {
        SlaTimer t = timer(h(4), berlin("2026-12-01T09:00"));
        t.pause("NEW", OFFICE, berlin("2026-12-01T09:10"));
        assertNull(t.nextCheckAt());
        assertEquals(List.of(), names(t.evaluate(OFFICE, berlin("2026-12-10T09:00"))));
    }

    @Test
    void aLateEventNeverMovesTheClockBackwards() {
        SlaTimer t = timer(h(8), berlin("2026-12-01T09:00"));
        t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-12-01T12:00"));
        t.resume(OFFICE, berlin("2026-12-01T11:00")); // older than the pause: takes effect at 12:00
        assertEquals(h(3), t.elapsed(OFFICE, berlin("2026-12-01T12:00")));
        assertEquals(berlin("2026-12-01T12:00"), t.pauses().get(0).resumedAt());
        assertEquals(berlin("2026-12-01T17:00"), t.dueAt());
    }

    @Test
    void aLateHoldTakesEffectWhenItHappenedEvenAfterAnnouncements() {
        SlaTimer t = timer(h(4), berlin("2026-12-01T09:00"));
        assertEquals(List.of("SlaWarning"), names(t.evaluate(OFFICE, berlin("2026-12-01T11:10"))), "50 % announced at 11:10");
        t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-12-01T10:30")); // happened before the announcement
        assertEquals(berlin("2026-12-01T10:30"), t.pauses().get(0).pausedAt());
        assertEquals(Duration.ofMinutes(90), t.elapsed(OFFICE, berlin("2026-12-01T16:00")));
        t.resume(OFFICE, berlin("2026-12-01T13:00"));
        assertEquals(berlin("2026-12-01T15:30"), t.dueAt(), "2h30 left from the resume");

        SlaTimer breached = timer(h(4), berlin("2026-12-01T09:00"));
        assertEquals(List.of("SlaBreached"), names(breached.evaluate(OFFICE, berlin("2026-12-01T14:00"))));
        breached.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-12-01T12:00"));
        assertEquals(h(3), breached.elapsed(OFFICE, berlin("2026-12-01T16:00")), "the clock counts until the hold, not the announcement");
        assertTrue(breached.breached(), "an announced breach is never taken back");
    }

    @Test
    void aLateEventNeverGoesBeforeTheTimersStart() {
        SlaTimer t = timer(h(4), berlin("2026-12-01T09:00"));
        t.pause("NEW", OFFICE, berlin("2026-12-01T08:00"));
        assertEquals(berlin("2026-12-01T09:00"), t.pauses().get(0).pausedAt());
        assertEquals(Duration.ZERO, t.elapsed(OFFICE, berlin("2026-12-01T12:00")));
    }

    // ------------------------------------------------------------------ every command in every phase

    /** Each timer command as a call, so the table below can try every one in every phase. */
    enum Call {
        PAUSE((t, at) -> t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, at)),
        RESUME((t, at) -> t.resume(OFFICE, at)),
        STOP((t, at) -> t.stop(OFFICE, at)),
        REOPEN((t, at) -> t.reopen(OFFICE, at)),
        RETARGET((t, at) -> t.retarget("P1", h(40), OFFICE, at)),
        CANCEL((t, at) -> t.cancel(OFFICE, at));

        final BiFunction<SlaTimer, Instant, List<SlaEvent>> apply;

        Call(BiFunction<SlaTimer, Instant, List<SlaEvent>> apply) {
            this.apply = apply;
        }
    }

    static SlaTimer inPhase(ClockPhase phase) {
        SlaTimer t = timer(h(40), berlin("2026-12-01T09:00"));
        Instant at = berlin("2026-12-01T10:00");
        switch (phase) {
            case PAUSED -> t.pause("ON_HOLD:AWAITING_CALLER", OFFICE, at);
            case STOPPED -> t.stop(OFFICE, at);
            case CANCELED -> t.cancel(OFFICE, at);
            default -> {
            }
        }
        return t;
    }

    static Stream<Arguments> transitions() {
        // phase, command, resulting phase, events (null = the phase does not accept the command: 409, nothing changes)
        return Stream.of(
                Arguments.of(ClockPhase.RUNNING, Call.PAUSE, ClockPhase.PAUSED, List.of("SlaTimerPaused")),
                Arguments.of(ClockPhase.RUNNING, Call.RESUME, ClockPhase.RUNNING, null),
                Arguments.of(ClockPhase.RUNNING, Call.STOP, ClockPhase.STOPPED, List.of("SlaMet")),
                Arguments.of(ClockPhase.RUNNING, Call.REOPEN, ClockPhase.RUNNING, null),
                Arguments.of(ClockPhase.RUNNING, Call.RETARGET, ClockPhase.RUNNING, List.of("SlaTimerRetargeted")),
                Arguments.of(ClockPhase.RUNNING, Call.CANCEL, ClockPhase.CANCELED, List.of("SlaTimerCanceled")),
                Arguments.of(ClockPhase.PAUSED, Call.PAUSE, ClockPhase.PAUSED, null),
                Arguments.of(ClockPhase.PAUSED, Call.RESUME, ClockPhase.RUNNING, List.of("SlaTimerResumed")),
                Arguments.of(ClockPhase.PAUSED, Call.STOP, ClockPhase.STOPPED, List.of("SlaMet")),
                Arguments.of(ClockPhase.PAUSED, Call.REOPEN, ClockPhase.PAUSED, null),
                Arguments.of(ClockPhase.PAUSED, Call.RETARGET, ClockPhase.PAUSED, List.of("SlaTimerRetargeted")),
                Arguments.of(ClockPhase.PAUSED, Call.CANCEL, ClockPhase.CANCELED, List.of("SlaTimerCanceled")),
                Arguments.of(ClockPhase.STOPPED, Call.PAUSE, ClockPhase.STOPPED, null),
                Arguments.of(ClockPhase.STOPPED, Call.RESUME, ClockPhase.STOPPED, null),
                Arguments.of(ClockPhase.STOPPED, Call.STOP, ClockPhase.STOPPED, null),
                Arguments.of(ClockPhase.STOPPED, Call.REOPEN, ClockPhase.RUNNING, List.of("SlaTimerResumed")),
                Arguments.of(ClockPhase.STOPPED, Call.RETARGET, ClockPhase.STOPPED, null),
                Arguments.of(ClockPhase.STOPPED, Call.CANCEL, ClockPhase.STOPPED, null),
                Arguments.of(ClockPhase.CANCELED, Call.PAUSE, ClockPhase.CANCELED, null),
                Arguments.of(ClockPhase.CANCELED, Call.RESUME, ClockPhase.CANCELED, null),
                Arguments.of(ClockPhase.CANCELED, Call.STOP, ClockPhase.CANCELED, null),
                Arguments.of(ClockPhase.CANCELED, Call.REOPEN, ClockPhase.CANCELED, null),
                Arguments.of(ClockPhase.CANCELED, Call.RETARGET, ClockPhase.CANCELED, null),
                Arguments.of(ClockPhase.CANCELED, Call.CANCEL, ClockPhase.CANCELED, null));
    }

    @ParameterizedTest(name = "{1} in {0} -> {2} {3}")
    @MethodSource("transitions")
    void everyCommandInEveryPhase(ClockPhase from, Call command, ClockPhase to, List<String> expected) {
        SlaTimer t = inPhase(from);
        long elapsedBefore = t.elapsed(OFFICE, berlin("2026-12-01T11:00")).toMillis();
        assertEquals(expected != null, t.accepts(Command.valueOf(command.name())));
        if (expected == null) {
            IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                    () -> command.apply.apply(t, berlin("2026-12-01T11:00")));
            assertEquals(409, e.status());
            assertTrue(e.getMessage().contains("in state " + from), e.getMessage());
            assertEquals(to, t.phase());
            assertEquals(elapsedBefore, t.elapsed(OFFICE, berlin("2026-12-01T11:00")).toMillis(), "a refused command changes nothing");
            return;
        }
        List<SlaEvent> events = command.apply.apply(t, berlin("2026-12-01T11:00"));
        assertEquals(to, t.phase());
        assertEquals(expected, names(events));
        if (command == Call.RETARGET && (from == ClockPhase.RUNNING || from == ClockPhase.PAUSED)) {
            assertEquals("P1", t.priority());
        }
    }

    @Test
    void theShownStateFollowsPhaseAndBreach() {
        assertEquals(TimerState.RUNNING, inPhase(ClockPhase.RUNNING).state());
        assertEquals(TimerState.PAUSED, inPhase(ClockPhase.PAUSED).state());
        assertEquals(TimerState.MET, inPhase(ClockPhase.STOPPED).state());
        assertEquals(TimerState.CANCELED, inPhase(ClockPhase.CANCELED).state());
        SlaTimer breached = timer(h(1), berlin("2026-12-01T09:00"));
        breached.evaluate(OFFICE, berlin("2026-12-01T11:00"));
        assertEquals(TimerState.BREACHED, breached.state());
        breached.pause("ON_HOLD:AWAITING_CALLER", OFFICE, berlin("2026-12-01T11:00"));
        assertEquals(TimerState.BREACHED, breached.state(), "a breached timer stays breached while paused");
        breached.cancel(OFFICE, berlin("2026-12-01T12:00"));
        assertEquals(TimerState.CANCELED, breached.state());
    }
}
