package dev.itsm.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who opened an incident: an agent or integration through the API, or monitoring-service for an alert group. */
@Schema(name = "IncidentSource")
public enum IncidentSource {
    API, MONITORING
}
