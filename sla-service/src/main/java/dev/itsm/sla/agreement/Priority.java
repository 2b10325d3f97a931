package dev.itsm.sla.agreement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Incident priority (incident contract). */
@Schema(name = "SlaPriority")
public enum Priority {
    P1, P2, P3, P4, P5
}
