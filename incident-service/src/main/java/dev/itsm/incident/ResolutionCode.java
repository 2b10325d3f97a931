package dev.itsm.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How an incident was resolved. */
@Schema(name = "IncidentResolutionCode")
public enum ResolutionCode {
    PERMANENT_FIX, WORKAROUND, NO_FAULT_FOUND, DUPLICATE, RESOLVED_BY_CALLER, RESOLVED_BY_CHANGE
}
