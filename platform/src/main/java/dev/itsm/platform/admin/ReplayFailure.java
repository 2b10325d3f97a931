package dev.itsm.platform.admin;

/** A dead letter whose replay failed: where it is on the dead-letter topic, its event id and the error. */
public record ReplayFailure(int partition, long offset, String ceId, String errorClass, String errorMessage) {
}
