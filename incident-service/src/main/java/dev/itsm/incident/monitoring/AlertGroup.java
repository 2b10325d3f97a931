package dev.itsm.incident.monitoring;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.itsm.incident.Impact;
import dev.itsm.incident.Urgency;
import dev.itsm.platform.events.InboundEvent;

/**
 * The facts of a monitoring-service alert group this service needs, read tolerantly from a group event
 * ({@code AlertGroupFacts} flattened: {@code AlertCorrelated}, {@code AlertGroupOpened},
 * {@code AlertGroupReopened}, {@code AlertGroupResolved}); every other field is ignored.
 *
 * @param version the group's version (null when absent: then no event is taken for stale)
 * @param description the first alert's description ({@code AlertGroupOpened}/{@code Reopened}/{@code Resolved})
 * @param resolutionNote why the group resolved ({@code AlertGroupResolved})
 * @param reason why the group reopened ({@code AlertGroupReopened})
 */
record AlertGroup(UUID groupId, String number, String title, UUID rootCiId, String rootCiName, List<UUID> serviceIds,
        boolean major, String state, Impact impact, Urgency urgency, int alertCount, boolean autoResolve,
        boolean openIncident, Long version, String description, String resolutionNote, String reason) {

    static AlertGroup of(InboundEvent event) {
        Long alertCount = event.longValue("alertCount");
        return new AlertGroup(event.requiredUuid("groupId"), event.text("number"), event.text("title"),
                event.uuid("rootCiId"), event.text("rootCiName"), event.uuids("serviceIds"), event.bool("major", false),
                event.text("state"), level(event.text("impact"), Impact.class), level(event.text("urgency"), Urgency.class),
                alertCount == null ? 0 : alertCount.intValue(), event.bool("autoResolve", true),
                event.bool("openIncident", true), event.longValue("version"), event.text("description"),
                event.text("resolutionNote"), event.text("reason"));
    }

    /** The group's number, or its id when it has none: how notes and history name it. */
    String name() {
        return number != null ? number : groupId.toString();
    }

    /** Whether these facts are older than the ones applied last ({@code applied}, null = none yet). */
    boolean olderThan(Long applied) {
        return version != null && applied != null && version < applied;
    }

    /** Whether these facts are newer than the ones applied last (facts without a version never are). */
    boolean newerThan(Long applied) {
        return version != null && (applied == null || version > applied);
    }

    /** The version to record as applied after these facts: theirs, or the one before when they have none. */
    long versionAfter(Long applied) {
        if (version == null) {
            return applied == null ? 0 : applied;
        }
        return applied == null ? version : Math.max(version, applied);
    }

    /** HIGH|MEDIUM|LOW, any case; anything else (a newer level, nothing) is null: the caller's default applies. */
    private static <E extends Enum<E>> E level(String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
