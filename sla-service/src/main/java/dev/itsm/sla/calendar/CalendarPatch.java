package dev.itsm.sla.calendar;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PATCH /calendars/{id}} as documented: a JSON merge patch (RFC 7396) onto the current
 * {@link CalendarRequest}, so every field is optional. The resource applies it with the platform's
 * {@code MergePatch} and validates the result as a whole; this record only describes the shape.
 */
@Schema(name = "CalendarPatch", description = "JSON merge patch of a calendar: absent fields stay; weeklyHours merges per day "
        + "(a day set to null is no longer a working day); holidays are replaced whole. The result must be a valid calendar.")
public record CalendarPatch(
        @Schema(description = "Unique name", example = "Berlin office hours") String name,
        @Schema(description = "IANA time zone", example = "Europe/Berlin") String timeZone,
        @Schema(description = "Working intervals per weekday") Map<DayOfWeek, List<CalendarRequest.Interval>> weeklyHours,
        @Schema(description = "Days off (replaces the list); at most 1000", maxItems = 1000) List<CalendarRequest.Holiday> holidays) {
}
