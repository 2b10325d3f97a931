package dev.itsm.monitoring;

import java.time.Instant;

/**
 * Why and until when an alert is suppressed: a change window (changeId/changeNumber), a maintenance window
 * (windowId/windowName) or a person ({@code by}, {@code note}). {@code until} is when the window ends or the manual
 * suppression expires; SuppressionExpiryJob lifts it then.
 */
public record Suppression(SuppressionReason reason, String changeId, String changeNumber, String windowId,
        String windowName, Instant until, String by, String note) {
}
