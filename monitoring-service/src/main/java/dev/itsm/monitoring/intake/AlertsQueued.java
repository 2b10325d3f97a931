package dev.itsm.monitoring.intake;

/**
 * Fired (CDI, synchronously) after an intake transaction committed {@code count} alerts to the queue, so the
 * processor of this instance can drain them at once rather than at its next scheduled round.
 */
public record AlertsQueued(int count) {
}
