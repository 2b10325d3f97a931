package dev.itsm.monitoring.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When a recurring maintenance window is open: in its own zone, across midnight, over daylight-saving changes. */
class MaintenanceScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aWindowIsOpenFromItsStartUntilItsEndOnItsDaysOnly() {
        // Wednesdays 02:00-03:00 Berlin; 2026-12-02 is a Wednesday (CET = UTC+1)
        MaintenanceSchedule s = new MaintenanceSchedule(EnumSet.of(DayOfWeek.WEDNESDAY), LocalTime.of(2, 0),
                Duration.ofMinutes(60), BERLIN);
        assertEquals(Optional.of(Instant.parse("2026-12-02T02:00:00Z")), s.openUntil(Instant.parse("2026-12-02T01:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-12-02T02:00:00Z")), s.openUntil(Instant.parse("2026-12-02T01:59:59Z")));
        assertTrue(s.openUntil(Instant.parse("2026-12-02T02:00:00Z")).isEmpty(), "the end is not part of the window");
        assertTrue(s.openUntil(Instant.parse("2026-12-02T00:59:59Z")).isEmpty());
        assertTrue(s.openUntil(Instant.parse("2026-12-03T01:30:00Z")).isEmpty(), "Thursday is not a maintenance day");
    }

    @Test
    void aWindowRunsPastMidnightIntoTheNextDay() {
        // Saturdays 23:00 New York for 3 hours: open on Sunday 01:30 local (2026-12-06 06:30Z), EST = UTC-5
        MaintenanceSchedule s = new MaintenanceSchedule(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(23, 0),
                Duration.ofMinutes(180), NEW_YORK);
        assertEquals(Optional.of(Instant.parse("2026-12-06T07:00:00Z")), s.openUntil(Instant.parse("2026-12-06T06:30:00Z")));
        assertTrue(s.openUntil(Instant.parse("2026-12-06T07:00:00Z")).isEmpty());
        // Saturday 23:30 UTC is only 18:30 in New York: not yet open
        assertTrue(s.openUntil(Instant.parse("2026-12-05T23:30:00Z")).isEmpty());
    }

    @Test
    void theWindowFollowsItsZonesDaylightSavingTime() {
        // Sundays 01:00 Berlin for 2 hours: in summer (CEST, UTC+2) it starts 23:00Z on Saturday
        MaintenanceSchedule s = new MaintenanceSchedule(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(1, 0),
                Duration.ofMinutes(120), BERLIN);
        assertEquals(Optional.of(Instant.parse("2026-07-05T01:00:00Z")), s.openUntil(Instant.parse("2026-07-04T23:30:00Z")));
        // in winter (CET, UTC+1) the same local time is 00:00Z
        assertTrue(s.openUntil(Instant.parse("2026-12-05T23:30:00Z")).isEmpty());
        assertEquals(Optional.of(Instant.parse("2026-12-06T02:00:00Z")), s.openUntil(Instant.parse("2026-12-06T00:30:00Z")));
    }

    @Test
    void aWeekLongWindowIsOpenOnTheFollowingDays() {
        MaintenanceSchedule s = new MaintenanceSchedule(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(0, 0),
                Duration.ofDays(7), ZoneId.of("UTC"));
        // Monday 2026-11-30 00:00Z until Monday 2026-12-07 00:00Z; the next one starts right then
        assertEquals(Optional.of(Instant.parse("2026-12-07T00:00:00Z")), s.openUntil(Instant.parse("2026-12-06T23:59:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-12-14T00:00:00Z")), s.openUntil(Instant.parse("2026-12-07T00:00:00Z")));
    }
}
