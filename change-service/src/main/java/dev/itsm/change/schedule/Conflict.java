package dev.itsm.change.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One scheduling conflict. {@code sharedItems} are the services/CIs through which two changes
 * collide; {@code from}/{@code to} is the conflicting change's or window's time range.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conflict(ConflictKind kind, String detail, UUID changeId, String changeNumber, UUID blackoutWindowId,
        UUID serviceId, List<UUID> sharedItems, Instant from, Instant to) {
}
