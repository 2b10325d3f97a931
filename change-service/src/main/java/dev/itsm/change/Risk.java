package dev.itsm.change;

/** Outcome of a risk assessment. */
public enum Risk {
    LOW, MEDIUM, HIGH
}
