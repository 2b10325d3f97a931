package dev.itsm.monitoring.intake;

/** An intake queue entry: its position ({@code seq}, the arrival order) and the alert. */
public record QueuedAlert(long seq, NormalizedAlert alert) {
}
