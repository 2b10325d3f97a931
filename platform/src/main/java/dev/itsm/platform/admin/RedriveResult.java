package dev.itsm.platform.admin;

/** How many parked outbox rows are pending again. */
public record RedriveResult(int redriven) {
}
