package dev.itsm.change.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.change.schedule.Conflict;

/** Result of {@code GET /api/v1/changes/{id}/conflicts}: what scheduling the change now would run into. */
public record ConflictReport(UUID changeId, String number, Instant plannedStart, Instant plannedEnd, boolean schedulable,
        List<Conflict> conflicts, Instant checkedAt) {
}
