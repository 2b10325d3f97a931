package dev.itsm.sla.timer;

import java.util.List;

/**
 * Timers a transaction of this instance changed, with their next check as committed. Fired inside the
 * transaction and observed after it succeeds ({@code TransactionPhase.AFTER_SUCCESS}), so a rolled-back change
 * never schedules a wake-up.
 */
public record TimersChanged(List<NextCheck> nextChecks) {

    static TimersChanged of(List<SlaTimer> timers) {
        return new TimersChanged(timers.stream().map(SlaTimer::nextCheck).toList());
    }
}
