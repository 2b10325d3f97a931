package dev.itsm.change.schedule;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A blackout window as the conflict check sees it; no services means global. */
public record Blackout(UUID id, String name, Instant start, Instant end, Set<UUID> serviceIds) {

    public boolean global() {
        return serviceIds.isEmpty();
    }
}
