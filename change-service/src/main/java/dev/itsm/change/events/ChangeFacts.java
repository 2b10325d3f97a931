package dev.itsm.change.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The full current facts of a change, carried (flattened) by every change event. */
public record ChangeFacts(String changeId, String number, String title, String type, String state, String risk,
        String approvalStatus, UUID modelId, List<UUID> serviceIds, List<UUID> ciIds, Instant plannedStart,
        Instant plannedEnd, String requestedBy) {
}
