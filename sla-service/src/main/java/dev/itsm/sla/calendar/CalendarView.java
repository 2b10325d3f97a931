package dev.itsm.sla.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A calendar as the API shows it. */
@Schema(name = "CalendarView")
public record CalendarView(
        UUID id,
        String name,
        @Schema(example = "Europe/Berlin") String timeZone,
        Map<DayOfWeek, List<CalendarRequest.Interval>> weeklyHours,
        List<CalendarRequest.Holiday> holidays,
        @Schema(description = "The built-in 24x7 calendar cannot be changed") boolean builtIn,
        long version,
        Instant createdAt,
        Instant updatedAt) {
}
