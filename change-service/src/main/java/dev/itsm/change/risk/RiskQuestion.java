package dev.itsm.change.risk;

/** A yes/no question of the risk assessment; a "yes" adds {@code weight} points. */
public record RiskQuestion(String id, String text, int weight) {
}
