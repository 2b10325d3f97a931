package dev.itsm.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why work on an incident waits. */
@Schema(name = "IncidentHoldReason")
public enum HoldReason {
    AWAITING_CALLER, AWAITING_VENDOR, AWAITING_CHANGE
}
