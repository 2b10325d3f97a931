package dev.itsm.sla;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the SLA service (prefix {@code sla}). */
@ConfigMapping(prefix = "sla")
public interface SlaConfig {

    /** The breach/warning scheduler. */
    Scheduler scheduler();

    /** How long a loaded business calendar is reused before it is read again (edits in this instance apply at once). */
    @WithDefault("30s")
    Duration calendarCacheTtl();

    interface Scheduler {
        /** Whether this instance runs the scheduler (several instances may: rows are claimed with SKIP LOCKED). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How often the database is polled for due timers: the safety net behind the wake-ups (timers changed by
         * another instance, a failed round); it also reloads the wake-up queue.
         */
        @WithDefault("30s")
        String interval();

        /**
         * The longest the wake-up thread sleeps before looking at the clock again (it may jump: tests move it), and
         * how often a due wake-up held back by the incident stream's watermark is retried.
         */
        @WithDefault("25ms")
        Duration tick();

        /** How far ahead next checks are kept in memory; the queue is reloaded from the database when half of it has passed. */
        @WithDefault("2m")
        Duration horizon();

        /** The most next checks kept in memory; a fuller window is loaded in parts. */
        @WithDefault("50000")
        int queueCapacity();

        /** Timers claimed per transaction. */
        @WithDefault("500")
        int batchSize();
    }
}
