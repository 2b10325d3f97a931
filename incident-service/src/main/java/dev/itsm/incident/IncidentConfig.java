package dev.itsm.incident;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Incident management settings (prefix {@code incident}). */
@ConfigMapping(prefix = "incident")
public interface IncidentConfig {

    /**
     * Impact × urgency → priority: {@code incident.priority-matrix.<IMPACT>.<URGENCY>=P1..P5}. All nine
     * cells must be set (application.properties holds the industry default).
     */
    Map<String, Map<String, Priority>> priorityMatrix();

    /** How long after its resolution an incident may still be reopened (after that: open a new one). */
    @WithDefault("7d")
    Duration reopenWindow();

    /** Closing RESOLVED incidents automatically. */
    AutoClose autoClose();

    interface AutoClose {
        /** Whether the auto-close job runs in this instance. */
        @WithDefault("true")
        boolean enabled();

        /** A RESOLVED incident is closed this long after its resolution. */
        @WithDefault("3d")
        Duration after();

        /** How often the job looks for incidents to close (a Quarkus scheduler interval). */
        @WithDefault("15m")
        String every();

        /** Most incidents closed per run (each in its own transaction). */
        @WithDefault("500")
        int batchSize();
    }
}
