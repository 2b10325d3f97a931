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

        /** How often due timers are looked for; bounds the breach-detection lag. */
        @WithDefault("1s")
        String interval();

        /** Timers claimed per transaction. */
        @WithDefault("500")
        int batchSize();

        /**
         * How long the incident consumer must have applied nothing (with no lag) before the scheduler goes by
         * the clock; until then it goes by the incident stream's watermark (see IncidentWatermark).
         */
        @WithDefault("2s")
        Duration settle();
    }
}
