package dev.itsm.change.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.platform.events.DomainEvent;

/**
 * A blackout or maintenance window was created, edited (PUT or PATCH) or deleted: its full current
 * definition (as it was, for DELETED) and the {@code operation}. One type for both kinds, told apart
 * by {@code windowKind}; the fields of the other kind are null. Key and ce_subject = windowId.
 */
public record ChangeWindowChanged(String windowId, WindowKind windowKind, EditOperation operation, String name,
        // BLACKOUT
        String reason, Instant startsAt, Instant endsAt, List<UUID> serviceIds, Boolean global,
        // MAINTENANCE
        UUID serviceId, List<String> daysOfWeek, String startTime, Integer durationMinutes, String timeZone,
        Instant createdAt, Instant updatedAt, long version, Instant occurredAt) implements DomainEvent {

    /** Which kind of window the event is about. */
    public enum WindowKind {
        BLACKOUT,
        MAINTENANCE
    }

    @Override
    public String aggregateId() {
        return windowId;
    }

    @Override
    public String aggregateType() {
        return windowKind == WindowKind.BLACKOUT ? "BlackoutWindow" : "MaintenanceWindow";
    }
}
