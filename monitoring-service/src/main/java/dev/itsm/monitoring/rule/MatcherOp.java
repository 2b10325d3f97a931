package dev.itsm.monitoring.rule;

/** How a rule's matcher compares a label (a missing label counts as empty, as in Alertmanager). */
public enum MatcherOp {
    EQ, NEQ, REGEX, NOT_REGEX, EXISTS, NOT_EXISTS
}
