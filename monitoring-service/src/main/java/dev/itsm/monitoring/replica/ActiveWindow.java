package dev.itsm.monitoring.replica;

import java.time.Instant;

/**
 * The change or maintenance window an alert falls into: the reason it is suppressed instead of opening an incident.
 * For a change {@code changeId}/{@code changeNumber} are set and {@code windowId} is null; for a maintenance window
 * the other way round; {@code name} is the change's title or the window's name. {@code until} is when the window
 * ends (the suppression expires then).
 */
public record ActiveWindow(Kind kind, String changeId, String changeNumber, String windowId, String name,
        Instant until) {

    public enum Kind { CHANGE_WINDOW, MAINTENANCE_WINDOW }
}
