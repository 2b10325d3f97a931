package dev.itsm.change.risk;

/** Outcome of a risk assessment. */
public enum Risk {
    LOW, MEDIUM, HIGH
}
