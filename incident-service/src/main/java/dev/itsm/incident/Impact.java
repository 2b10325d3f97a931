package dev.itsm.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How much of the business an incident affects. */
@Schema(name = "IncidentImpact")
public enum Impact {
    HIGH, MEDIUM, LOW
}
