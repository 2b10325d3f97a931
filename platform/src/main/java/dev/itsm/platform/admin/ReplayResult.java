package dev.itsm.platform.admin;

import java.util.List;

/**
 * Dead letters read (all consumer groups'), matching the filter (this service's), handled now by
 * this service's handlers ({@code replayed}), found already processed by its inbox (a no-op), and
 * those that failed again with their error (still dead letters; replay them once the cause is gone).
 */
public record ReplayResult(String deadLetterTopic, int read, int matched, int replayed, int alreadyProcessed,
        List<ReplayFailure> failed) {
}
