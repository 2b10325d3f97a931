package dev.itsm.incident;

/** How quickly the business needs the incident resolved. */
public enum Urgency {
    HIGH, MEDIUM, LOW
}
