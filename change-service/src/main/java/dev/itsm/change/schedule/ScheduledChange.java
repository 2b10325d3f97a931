package dev.itsm.change.schedule;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A change already on the schedule (SCHEDULED or IMPLEMENT) as the conflict check sees it. */
public record ScheduledChange(UUID changeId, String number, Instant start, Instant end, Set<UUID> scope) {
}
