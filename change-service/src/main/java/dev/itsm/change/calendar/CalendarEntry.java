package dev.itsm.change.calendar;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the change calendar (forward schedule of change): a change or a blackout window. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarEntry(String kind, UUID id, String number, String title, String type, String state, String risk,
        Instant start, Instant end, List<UUID> serviceIds, List<UUID> ciIds) {
}
