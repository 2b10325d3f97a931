package dev.itsm.change;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** change-service settings (prefix {@code change}). */
@ConfigMapping(prefix = "change")
public interface ChangeConfig {

    /** Risk assessment: the questions and how answers and impact become LOW / MEDIUM / HIGH. */
    RiskSettings risk();

    /**
     * Approval policy (the change authority) per {@code <type>-<risk>} or {@code <type>}: levels
     * separated by {@code ;}, each {@code name:ANY|ALL|QUORUM(n):approver,approver}, run in order.
     * Example: {@code change.approval-policy.normal-high=Technical review:ALL:tina,tom;CAB:QUORUM(2):carl,cora,cleo}.
     */
    Map<String, String> approvalPolicy();

    /** Calendar feed. */
    CalendarSettings calendar();

    interface RiskSettings {
        /**
         * Questions by id: {@code change.risk.questions.<id>.text} and {@code .weight} (points a "yes" adds).
         */
        Map<String, Question> questions();

        /** Points per service impacted through the catalog dependency graph. */
        @WithDefault("1")
        int pointsPerImpactedService();

        /** Cap on the impact points. */
        @WithDefault("4")
        int maxImpactPoints();

        /** Score from which the risk is MEDIUM. */
        @WithDefault("3")
        int mediumScore();

        /** Score from which the risk is HIGH. */
        @WithDefault("6")
        int highScore();
    }

    interface Question {
        /** The question as shown to the assessor. */
        String text();

        /** Points a "yes" adds. */
        @WithDefault("1")
        int weight();
    }

    interface CalendarSettings {
        /** Default length of the calendar range when {@code to} is not given. */
        @WithDefault("P30D")
        Duration defaultRange();

        /** Longest range one calendar request may ask for. */
        @WithDefault("P400D")
        Duration maxRange();
    }
}
