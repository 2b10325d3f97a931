package dev.itsm.platform.admin;

/** Dead letters read (all consumer groups'), matching the filter (this service's), and re-published to the original topic. */
public record ReplayResult(String deadLetterTopic, int read, int matched, int replayed) {
}
