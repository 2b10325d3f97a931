package dev.itsm.change.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A recurring maintenance window of a service: on {@code days} at local {@code start} in
 * {@code zone}, lasting {@code duration} (may run past midnight). Occurrences follow the zone's
 * wall clock, so a 02:00 window stays at 02:00 local time across daylight-saving changes.
 */
public record MaintenanceRule(UUID id, UUID serviceId, String name, Set<DayOfWeek> days, LocalTime start,
        Duration duration, ZoneId zone) {

    /** True when [{@code from}, {@code to}) lies entirely inside one occurrence. */
    public boolean covers(Instant from, Instant to) {
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(duration.toDays() + 1);
        LocalDate last = from.atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (!days.contains(d.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime begin = ZonedDateTime.of(d, start, zone);
            Instant occurrenceStart = begin.toInstant();
            Instant occurrenceEnd = occurrenceStart.plus(duration);
            if (!from.isBefore(occurrenceStart) && !to.isAfter(occurrenceEnd)) {
                return true;
            }
        }
        return false;
    }
}
