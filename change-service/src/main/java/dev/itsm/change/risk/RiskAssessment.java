package dev.itsm.change.risk;

import java.util.List;
import java.util.Map;
import java.util.UUID;


/** Result of assessing a change: the answers, the services impacted through the dependency graph, the score, the risk. */
public record RiskAssessment(Map<String, Boolean> answers, List<UUID> impactedServiceIds, int answerPoints,
        int impactPoints, int score, Risk risk) {
}
