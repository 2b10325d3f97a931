package dev.itsm.incident;

/** How an incident was resolved. */
public enum ResolutionCode {
    PERMANENT_FIX, WORKAROUND, NO_FAULT_FOUND, DUPLICATE, RESOLVED_BY_CALLER, RESOLVED_BY_CHANGE
}
