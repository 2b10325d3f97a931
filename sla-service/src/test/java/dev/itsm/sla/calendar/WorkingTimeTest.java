package dev.itsm.sla.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.itsm.sla.calendar.WorkingTime.WorkInterval;

/** The business-time arithmetic: elapsed business time between instants, and start + business duration. */
class WorkingTimeTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Mon–Fri with the given intervals. */
    static WorkingTime weekdays(ZoneId zone, List<LocalDate> holidays, List<MonthDay> yearly, WorkInterval... intervals) {
        Map<DayOfWeek, List<WorkInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, List.of(intervals));
        }
        return new WorkingTime(zone, week, holidays, yearly);
    }

    static WorkingTime office(ZoneId zone) {
        return weekdays(zone, List.of(), List.of(), WorkInterval.of("09:00", "17:00"));
    }

    static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    static Instant berlin(String dateTime) {
        return local(dateTime, BERLIN);
    }

    static Instant ny(String dateTime) {
        return local(dateTime, NEW_YORK);
    }

    static Duration h(long hours) {
        return Duration.ofHours(hours);
    }

    @Nested
    class Weekends {

        @Test
        void openedSaturdayNightStartsCountingMondayMorningAndHasADueTime() {
            WorkingTime cal = office(BERLIN);
            Instant saturday = berlin("2026-11-28T22:00");
            assertEquals(berlin("2026-11-30T13:00"), cal.plus(saturday, h(4)));
            assertEquals(Instant.parse("2026-11-30T12:00:00Z"), cal.plus(saturday, h(4)));
            assertEquals(h(1), cal.between(saturday, berlin("2026-11-30T10:00")));
            assertEquals(berlin("2026-11-30T09:00"), cal.nextWorkingInstant(saturday));
        }

        @Test
        void fridayAfternoonPlusTwoHoursIsMondayMorning() {
            WorkingTime cal = office(BERLIN);
            assertEquals(berlin("2026-11-30T10:00"), cal.plus(berlin("2026-11-27T16:00"), h(2)));
            assertEquals(h(2), cal.between(berlin("2026-11-27T16:00"), berlin("2026-11-30T10:00")));
        }

        @Test
        void aWholeWeekendCountsNothing() {
            WorkingTime cal = office(BERLIN);
            assertEquals(Duration.ZERO, cal.between(berlin("2026-11-27T17:00"), berlin("2026-11-30T09:00")));
        }

        @Test
        void aFullWorkingWeekIsFortyHours() {
            WorkingTime cal = office(BERLIN);
            assertEquals(h(40), cal.between(berlin("2026-11-30T00:00"), berlin("2026-12-07T00:00")));
            assertEquals(berlin("2026-12-04T17:00"), cal.plus(berlin("2026-11-30T00:00"), h(40)));
        }
    }

    @Nested
    class OutsideHours {

        @Test
        void openedBeforeOpeningCountsFromOpening() {
            WorkingTime cal = office(BERLIN);
            assertEquals(berlin("2026-12-01T10:30"), cal.plus(berlin("2026-12-01T07:00"), Duration.ofMinutes(90)));
        }

        @Test
        void openedAfterClosingCountsFromTheNextWorkingDay() {
            WorkingTime cal = office(BERLIN);
            assertEquals(berlin("2026-12-02T11:00"), cal.plus(berlin("2026-12-01T18:00"), h(2)));
            assertEquals(Duration.ZERO, cal.between(berlin("2026-12-01T17:00"), berlin("2026-12-02T09:00")));
        }

        @Test
        void aTargetEndingExactlyAtClosingIsDueAtClosingNotNextMorning() {
            WorkingTime cal = office(BERLIN);
            assertEquals(berlin("2026-12-01T17:00"), cal.plus(berlin("2026-12-01T09:00"), h(8)));
            assertEquals(berlin("2026-12-02T09:00:01"), cal.plus(berlin("2026-12-01T09:00"), h(8).plusSeconds(1)));
        }

        @Test
        void severalIntervalsPerDaySkipTheLunchBreak() {
            WorkingTime cal = weekdays(BERLIN, List.of(), List.of(), WorkInterval.of("09:00", "12:00"), WorkInterval.of("13:00", "17:00"));
            assertEquals(berlin("2026-12-01T14:00"), cal.plus(berlin("2026-12-01T11:00"), h(2)));
            assertEquals(h(7), cal.between(berlin("2026-12-01T00:00"), berlin("2026-12-02T00:00")));
            assertEquals(berlin("2026-12-01T12:00"), cal.plus(berlin("2026-12-01T11:00"), h(1)), "ends at the break, not after it");
            assertEquals(Duration.ofMinutes(30), cal.between(berlin("2026-12-01T11:30"), berlin("2026-12-01T12:45")));
        }

        @Test
        void zeroOrNegativeDurationIsTheStartItself() {
            WorkingTime cal = office(BERLIN);
            Instant sunday = berlin("2026-11-29T10:00");
            assertEquals(sunday, cal.plus(sunday, Duration.ZERO));
            assertEquals(sunday, cal.plus(sunday, h(-1)));
            assertEquals(Duration.ZERO, cal.between(berlin("2026-12-01T12:00"), berlin("2026-12-01T11:00")));
        }
    }

    @Nested
    class Holidays {

        final WorkingTime cal = weekdays(BERLIN, List.of(LocalDate.parse("2026-12-24")),
                List.of(MonthDay.of(12, 25), MonthDay.of(12, 26), MonthDay.of(1, 1)), WorkInterval.of("09:00", "17:00"));

        @Test
        void fixedAndYearlyHolidaysAreSkipped() {
            // Wed 23 Dec 16:00 + 2h: Thu 24 (fixed) and Fri 25 (yearly) are holidays, then the weekend
            assertEquals(berlin("2026-12-28T10:00"), cal.plus(berlin("2026-12-23T16:00"), h(2)));
            assertEquals(h(2), cal.between(berlin("2026-12-23T16:00"), berlin("2026-12-28T10:00")));
        }

        @Test
        void aYearlyHolidayRecursButAFixedOneDoesNot() {
            assertEquals(true, cal.isHoliday(LocalDate.parse("2031-12-25")));
            assertEquals(false, cal.isHoliday(LocalDate.parse("2027-12-24")));
            // 2027-12-24 is a Friday and a working day again
            assertEquals(h(8), cal.between(berlin("2027-12-24T00:00"), berlin("2027-12-25T00:00")));
            // New Year 2027 (Friday) is a yearly holiday
            assertEquals(berlin("2027-01-04T10:00"), cal.plus(berlin("2026-12-31T16:00"), h(2)));
        }
    }

    @Nested
    class DaylightSavingTime {

        @Test
        void berlinSpringForwardDayHas23HoursAroundTheClock() {
            WorkingTime cal = WorkingTime.twentyFourSeven(BERLIN);
            assertEquals(h(23), cal.between(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")));
            assertEquals(berlin("2026-03-29T13:00"), cal.plus(berlin("2026-03-28T12:00"), h(24)));
            assertEquals(berlin("2026-03-29T03:30"), cal.plus(berlin("2026-03-29T01:30"), h(1)));
        }

        @Test
        void berlinFallBackDayHas25Hours() {
            WorkingTime cal = WorkingTime.twentyFourSeven(BERLIN);
            assertEquals(h(25), cal.between(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00")));
            assertEquals(berlin("2026-10-25T11:00"), cal.plus(berlin("2026-10-24T12:00"), h(24)));
        }

        @Test
        void berlinIntervalsAcrossTheGapAndTheOverlapCountRealTime() {
            Map<DayOfWeek, List<WorkInterval>> sundays = new EnumMap<>(DayOfWeek.class);
            sundays.put(DayOfWeek.SUNDAY, List.of(WorkInterval.of("01:00", "04:00")));
            WorkingTime cal = new WorkingTime(BERLIN, sundays, List.of(), List.of());
            assertEquals(h(2), cal.between(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")), "02:00-03:00 does not exist");
            assertEquals(h(4), cal.between(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00")), "02:00-03:00 happens twice");
            assertEquals(h(3), cal.between(berlin("2026-11-01T00:00"), berlin("2026-11-02T00:00")));
        }

        @Test
        void aLocalTimeStrictlyInsideTheGapIsTheFirstInstantAfterIt() {
            // 2026-03-29 Berlin: 02:00 CET jumps to 03:00 CEST (01:00Z); 02:30 never happens
            Map<DayOfWeek, List<WorkInterval>> sundays = new EnumMap<>(DayOfWeek.class);
            sundays.put(DayOfWeek.SUNDAY, List.of(WorkInterval.of("02:30", "04:00")));
            WorkingTime opensInGap = new WorkingTime(BERLIN, sundays, List.of(), List.of());
            assertEquals(h(1), opensInGap.between(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")),
                    "03:00-04:00 CEST: only the half hour of the gap is lost, not a whole hour");
            assertEquals(Instant.parse("2026-03-29T01:00:00Z"), opensInGap.nextWorkingInstant(berlin("2026-03-29T00:00")),
                    "work starts when the clock shows 03:00 CEST, not 03:30");

            sundays.put(DayOfWeek.SUNDAY, List.of(WorkInterval.of("01:00", "02:30")));
            WorkingTime closesInGap = new WorkingTime(BERLIN, sundays, List.of(), List.of());
            assertEquals(h(1), closesInGap.between(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")),
                    "01:00 CET until the gap (01:00Z): the 30 nonexistent minutes are not counted");
            assertEquals(Instant.parse("2026-03-29T01:00:00Z"), closesInGap.plus(berlin("2026-03-29T01:00"), h(1)),
                    "a target ending at a closing time inside the gap is due when the gap ends");
        }

        @Test
        void berlinOfficeHoursAcrossTheSpringWeekendKeepLocalOpeningTimes() {
            WorkingTime cal = office(BERLIN);
            Instant due = cal.plus(berlin("2026-03-27T16:00"), h(2));
            assertEquals(berlin("2026-03-30T10:00"), due);
            assertEquals(Instant.parse("2026-03-30T08:00:00Z"), due, "CEST is UTC+2");
            assertEquals(Instant.parse("2026-03-27T15:00:00Z"), berlin("2026-03-27T16:00"), "CET is UTC+1");
        }

        @Test
        void newYorkSpringForwardAndFallBack() {
            WorkingTime cal = WorkingTime.twentyFourSeven(NEW_YORK);
            assertEquals(h(23), cal.between(ny("2026-03-08T00:00"), ny("2026-03-09T00:00")));
            assertEquals(h(25), cal.between(ny("2026-11-01T00:00"), ny("2026-11-02T00:00")));
            assertEquals(ny("2026-03-08T03:30"), cal.plus(ny("2026-03-08T01:30"), h(1)));
            assertEquals(Instant.parse("2026-03-08T07:30:00Z"), cal.plus(ny("2026-03-08T01:30"), h(1)));
            // 01:30 EDT + 1h = 01:30 EST (the wall clock repeats)
            assertEquals(Instant.parse("2026-11-01T06:30:00Z"), cal.plus(ny("2026-11-01T01:30"), h(1)));
        }

        @Test
        void newYorkOfficeHoursOverTheFallBackWeekend() {
            WorkingTime cal = weekdays(NEW_YORK, List.of(), List.of(), WorkInterval.of("08:00", "18:00"));
            // Fri 30 Oct 17:00 EDT + 3h business = Mon 2 Nov 10:00 EST (15:00Z)
            assertEquals(Instant.parse("2026-11-02T15:00:00Z"), cal.plus(ny("2026-10-30T17:00"), h(3)));
            assertEquals(h(3), cal.between(ny("2026-10-30T17:00"), ny("2026-11-02T10:00")));
            Map<DayOfWeek, List<WorkInterval>> sundays = new EnumMap<>(DayOfWeek.class);
            sundays.put(DayOfWeek.SUNDAY, List.of(WorkInterval.of("01:00", "03:00")));
            WorkingTime night = new WorkingTime(NEW_YORK, sundays, List.of(), List.of());
            assertEquals(h(3), night.between(ny("2026-11-01T00:00"), ny("2026-11-02T00:00")));
            assertEquals(h(1), night.between(ny("2026-03-08T00:00"), ny("2026-03-09T00:00")));
        }
    }

    @Nested
    class TimeZones {

        @Test
        void theSameInstantHasDifferentDueTimesInDifferentZones() {
            Instant t = Instant.parse("2026-12-01T15:30:00Z"); // 16:30 Berlin, 10:30 New York
            assertEquals(berlin("2026-12-02T09:30"), office(BERLIN).plus(t, h(1)));
            assertEquals(ny("2026-12-01T11:30"), office(NEW_YORK).plus(t, h(1)));
        }

        @Test
        void aCalendarAroundTheClockIsPlainDuration() {
            WorkingTime cal = WorkingTime.twentyFourSeven(ZoneId.of("UTC"));
            Instant t = Instant.parse("2026-12-01T15:30:00Z");
            assertEquals(t.plus(Duration.ofDays(40)), cal.plus(t, Duration.ofDays(40)));
            assertEquals(Duration.ofMinutes(61), cal.between(t, t.plusSeconds(61 * 60)));
        }
    }

    @Nested
    class Roundtrip {

        @Test
        void betweenStartAndPlusIsTheDurationForManyStarts() {
            WorkingTime cal = weekdays(BERLIN, List.of(LocalDate.parse("2026-04-03")), List.of(MonthDay.of(5, 1)),
                    WorkInterval.of("08:00", "12:00"), WorkInterval.of("12:30", "16:45"));
            Instant start = berlin("2026-03-20T00:00");
            for (int i = 0; i < 24 * 60; i += 37) { // spans the spring DST weekend, Good Friday and 1 May
                Instant s = start.plus(Duration.ofMinutes(i * 29L));
                for (long minutes : new long[] { 1, 59, 255, 600, 2400, 9000 }) {
                    Duration d = Duration.ofMinutes(minutes);
                    assertEquals(d, cal.between(s, cal.plus(s, d)), "start " + s + " + " + d);
                }
            }
        }
    }

    @Nested
    class Validation {

        @Test
        void intervalsAreValidated() {
            assertThrows(IllegalArgumentException.class, () -> WorkInterval.of("17:00", "09:00"));
            assertThrows(IllegalArgumentException.class, () -> WorkInterval.of("09:00", "24:30"));
            assertThrows(IllegalArgumentException.class, () -> WorkInterval.of("9:00", "10:00"));
            assertThrows(IllegalArgumentException.class, () -> WorkInterval.of("09:60", "10:00"));
            assertEquals(86_400, WorkInterval.parse("24:00"));
        }

        @Test
        void overlappingIntervalsAndAnEmptyWeekAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> weekdays(BERLIN, List.of(), List.of(),
                    WorkInterval.of("09:00", "13:00"), WorkInterval.of("12:00", "17:00")));
            assertThrows(IllegalArgumentException.class, () -> new WorkingTime(BERLIN, Map.of(), List.of(), List.of()));
        }
    }
}
