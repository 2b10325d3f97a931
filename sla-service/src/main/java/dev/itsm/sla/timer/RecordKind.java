package dev.itsm.sla.timer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The kind of record an SLA clock measures: an incident (itsm.incident.events) or a service request (itsm.request.events). */
@Schema(name = "SlaRecordKind")
public enum RecordKind {
    INCIDENT, REQUEST
}
