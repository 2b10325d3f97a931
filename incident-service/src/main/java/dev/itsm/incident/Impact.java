package dev.itsm.incident;

/** How much of the business an incident affects. */
public enum Impact {
    HIGH, MEDIUM, LOW
}
