package dev.itsm.change.request;

import java.time.Instant;
import java.util.List;

import dev.itsm.change.schedule.Conflict;

/** Who overrode which scheduling conflicts, when, and why (kept on the change for the audit). */
public record OverrideRecord(String overriddenBy, String reason, String justification, Instant overriddenAt,
        List<Conflict> conflicts) {
}
