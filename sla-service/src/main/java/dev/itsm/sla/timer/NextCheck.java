package dev.itsm.sla.timer;

import java.time.Instant;
import java.util.UUID;

/**
 * When the scheduler must look at a timer next, as of one committed row version: {@code at} is the next warning
 * or the breach instant, null when nothing can happen (paused, stopped, breached and no warning left). The
 * version orders facts about one timer that reach an instance's {@link WakeUpQueue} out of order (two commits'
 * after-success callbacks, a reload that read the row before a later commit).
 */
public record NextCheck(UUID timerId, Instant at, long version) {
}
