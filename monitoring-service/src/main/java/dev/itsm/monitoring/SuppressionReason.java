package dev.itsm.monitoring;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an alert opens no incident for now. */
@Schema(name = "SuppressionReason")
public enum SuppressionReason {
    /** Its CI or service is in a SCHEDULED or IMPLEMENT change's planned window: a suspect of that change. */
    CHANGE_WINDOW,
    /** A maintenance window of one of its services is open. */
    MAINTENANCE_WINDOW,
    /** A person suppressed it until a given time. */
    MANUAL
}
