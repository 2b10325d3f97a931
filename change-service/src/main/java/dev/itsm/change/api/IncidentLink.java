package dev.itsm.change.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An incident linked to a change, with the incident facts known from incident events. */
@Schema(name = "IncidentLinkView")
public record IncidentLink(UUID incidentId, String relation, String source, String linkedBy, Instant linkedAt,
        String number, String title, String state, String priority) {
}
