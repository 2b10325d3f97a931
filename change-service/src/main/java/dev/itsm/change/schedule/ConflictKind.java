package dev.itsm.change.schedule;

/** Why a change window cannot be scheduled as it is. */
public enum ConflictKind {
    /** Another scheduled change overlaps in time on the same service/CI or on something related through the dependency graph. */
    OVERLAPPING_CHANGE,
    /** The window overlaps a global blackout window or one of an impacted service. */
    BLACKOUT_WINDOW,
    /** A NORMAL change lies (partly) outside every maintenance window of one of its services. */
    OUTSIDE_MAINTENANCE_WINDOW
}
