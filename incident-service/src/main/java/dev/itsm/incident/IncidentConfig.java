package dev.itsm.incident;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

    /** Incidents of monitoring-service's alert groups ({@code monitoring.MonitoringEventHandler}). */
    Monitoring monitoring();

    interface Monitoring {
        /** The assignment group of incidents opened for alert groups; none: they wait unassigned. */
        Optional<String> assignmentGroup();

        /**
         * Whether an incident an agent has taken over (an assignee is set) is still resolved when all its
         * alerts clear; false: it gets a work note saying so, and the agent decides.
         */
        @WithDefault("false")
        boolean resolveWhenTakenOver();

        /** The resolution code of an incident resolved because its alerts cleared (nobody fixed anything here). */
        @WithDefault("NO_FAULT_FOUND")
        ResolutionCode resolutionCode();
    }

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
