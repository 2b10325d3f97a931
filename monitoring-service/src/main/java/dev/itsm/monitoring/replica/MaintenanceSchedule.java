package dev.itsm.monitoring.replica;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * A recurring maintenance window: on each of {@code days}, from {@code start} local time in {@code zone} for
 * {@code duration}. Evaluated in the window's own zone, so "Sunday 22:00 Europe/Berlin" follows daylight saving,
 * and a window may run past midnight (up to a week) into the next days.
 */
record MaintenanceSchedule(Set<DayOfWeek> days, LocalTime start, Duration duration, ZoneId zone) {

    /** The largest duration change-service allows (7 days), so at most 7 earlier starts can still be running. */
    private static final int MAX_DAYS_BACK = 7;

    /** When the occurrence open at {@code at} ends; empty when none is open ([start, end)). */
    Optional<Instant> openUntil(Instant at) {
        if (days.isEmpty() || duration.isZero() || duration.isNegative()) {
            return Optional.empty();
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        Instant until = null;
        for (int back = 0; back <= MAX_DAYS_BACK; back++) {
            LocalDate day = today.minusDays(back);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            // a start inside a DST gap moves forward by the gap's length, as ZonedDateTime.of does
            Instant begins = ZonedDateTime.of(day, start, zone).toInstant();
            Instant ends = begins.plus(duration);
            if (!begins.isAfter(at) && ends.isAfter(at) && (until == null || ends.isAfter(until))) {
                until = ends;
            }
        }
        return Optional.ofNullable(until);
    }
}
