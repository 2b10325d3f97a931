package dev.itsm.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How quickly the business needs the incident resolved. */
@Schema(name = "IncidentUrgency")
public enum Urgency {
    HIGH, MEDIUM, LOW
}
