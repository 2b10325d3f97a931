package dev.itsm.problemmanagement;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Problem management settings (prefix {@code problem}); P2's {@code problem.candidates.*} has its own mapping. */
@ConfigMapping(prefix = "problem")
public interface ProblemConfig {

    /**
     * Impact × urgency → priority: {@code problem.priority-matrix.<IMPACT>.<URGENCY>=P1..P5}. All nine
     * cells must be set (application.properties holds the same default as incidents).
     */
    Map<String, Map<String, Priority>> priorityMatrix();

    /** Observing a fix after its change was implemented. */
    FixVerification fixVerification();

    interface FixVerification {
        /** How long a resolved problem stays in FIX_VERIFICATION before it closes by itself. */
        @WithDefault("7d")
        Duration period();

        /** How often the closer looks for problems whose verification is over (a scheduler interval; {@code off} disables it). */
        @WithDefault("1m")
        String checkEvery();

        /** Most problems closed per run (each in its own transaction). */
        @WithDefault("200")
        int batchSize();
    }
}
