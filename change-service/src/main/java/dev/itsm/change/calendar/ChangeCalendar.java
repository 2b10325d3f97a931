package dev.itsm.change.calendar;

import java.time.Instant;
import java.util.List;

/** The change calendar between {@code from} and {@code to}. */
public record ChangeCalendar(Instant from, Instant to, List<CalendarEntry> changes, List<CalendarEntry> blackoutWindows) {
}
