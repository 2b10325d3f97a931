package dev.itsm.change.schedule;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.itsm.change.request.ChangeType;
import java.util.HashSet;

/** The change being checked: its id (excluded from the overlap check), type, window and scope. */
public record ChangeWindow(UUID changeId, ChangeType type, Instant start, Instant end, Set<UUID> serviceIds, Set<UUID> ciIds) {

    public Set<UUID> scope() {
        Set<UUID> all = new HashSet<>(serviceIds);
        all.addAll(ciIds);
        return all;
    }
}
