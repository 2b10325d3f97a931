package dev.itsm.problemmanagement.candidate;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Recurrence detection settings ({@code problem.candidates.*}). */
@ConfigMapping(prefix = "problem.candidates")
public interface CandidateConfig {

    /** The sliding window: incidents opened within it (back from now) are counted; older ones have left it. */
    @WithDefault("7d")
    Duration window();

    /** How many unlinked incidents in the window make a candidate, per kind of key. */
    Thresholds thresholds();

    /** How many relations the detector follows from an incident's CI to the CIs it depends on (and back down). */
    @WithDefault("3")
    int upstreamDepth();

    /**
     * How often the sweep runs (a scheduler interval; {@code off} disables it): it expires candidates whose newest
     * incident left the window, drops incidents linked to problems meanwhile, and re-scans the window.
     */
    @WithDefault("10m")
    String sweepEvery();

    interface Thresholds {
        /** Incidents on one CI. */
        @WithDefault("3")
        int ci();

        /** Incidents on one service. */
        @WithDefault("5")
        int service();

        /** Incidents on at least two different CIs that depend on one upstream CI. */
        @WithName("upstream-ci")
        @WithDefault("3")
        int upstreamCi();
    }

    /** The threshold for a kind of key. */
    default int threshold(CandidateKind kind) {
        return switch (kind) {
            case CI -> thresholds().ci();
            case SERVICE -> thresholds().service();
            case UPSTREAM_CI -> thresholds().upstreamCi();
        };
    }
}
