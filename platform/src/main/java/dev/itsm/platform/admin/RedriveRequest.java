package dev.itsm.platform.admin;

import java.util.List;

/** Which parked outbox rows to set pending again: these ids (and the rows parked behind them), or all when absent. */
public record RedriveRequest(List<Long> ids) {
}
