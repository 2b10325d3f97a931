package dev.itsm.change.risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;

/**
 * Scores a change: the weights of the questions answered "yes", plus {@code pointsPerImpactedService}
 * for each service the change impacts through the catalog dependency graph (capped at
 * {@code maxImpactPoints}). Score ≥ {@code highScore} is HIGH, ≥ {@code mediumScore} MEDIUM, else LOW.
 */
public final class RiskAssessor {

    private final List<RiskQuestion> questions;
    private final int pointsPerImpactedService;
    private final int maxImpactPoints;
    private final int mediumScore;
    private final int highScore;

    public RiskAssessor(List<RiskQuestion> questions, int pointsPerImpactedService, int maxImpactPoints,
            int mediumScore, int highScore) {
        this.questions = List.copyOf(questions);
        this.pointsPerImpactedService = pointsPerImpactedService;
        this.maxImpactPoints = maxImpactPoints;
        this.mediumScore = mediumScore;
        this.highScore = highScore;
    }

    public List<RiskQuestion> questions() {
        return questions;
    }

    /**
     * @param answers          questionId → yes/no; every configured question must be answered when
     *                         {@code requireAll}, unknown ids are rejected
     * @param impactedServices services reached from the change's scope (including its own services)
     */
    public RiskAssessment assess(Map<String, Boolean> answers, Set<UUID> impactedServices, boolean requireAll) {
        Map<String, Boolean> given = answers == null ? Map.of() : answers;
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String id : given.keySet()) {
            if (questions.stream().noneMatch(q -> q.id().equals(id))) {
                errors.add(new Problem.FieldError("answers." + id, "unknown risk question"));
            } else if (given.get(id) == null) {
                errors.add(new Problem.FieldError("answers." + id, "must be true or false"));
            }
        }
        Map<String, Boolean> normalised = new LinkedHashMap<>();
        int answerPoints = 0;
        for (RiskQuestion q : questions) {
            Boolean a = given.get(q.id());
            if (a == null) {
                if (requireAll && !given.containsKey(q.id())) {
                    errors.add(new Problem.FieldError("answers." + q.id(), "must be answered: " + q.text()));
                }
                continue;
            }
            normalised.put(q.id(), a);
            if (a) {
                answerPoints += q.weight();
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        int impactPoints = Math.min(maxImpactPoints, impactedServices.size() * pointsPerImpactedService);
        int score = answerPoints + impactPoints;
        Risk risk = score >= highScore ? Risk.HIGH : score >= mediumScore ? Risk.MEDIUM : Risk.LOW;
        return new RiskAssessment(normalised, impactedServices.stream().sorted().toList(), answerPoints, impactPoints, score, risk);
    }
}
