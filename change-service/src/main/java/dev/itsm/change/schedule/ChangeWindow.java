package dev.itsm.change.schedule;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.itsm.change.request.ChangeType;

/** The change being checked: its id (excluded from the overlap check), type, window and scope. */
public record ChangeWindow(UUID changeId, ChangeType type, Instant start, Instant end, Set<UUID> serviceIds, Set<UUID> ciIds) {

    public Set<UUID> scope() {
        java.util.Set<UUID> all = new java.util.HashSet<>(serviceIds);
        all.addAll(ciIds);
        return all;
    }
}
