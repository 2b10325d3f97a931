package dev.itsm.catalog.ci;

/** Operational status of a configuration item. */
public enum CiStatus {
    PLANNED, ACTIVE, MAINTENANCE, RETIRED
}
