package dev.itsm.change.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.change.api.CommandRequests.LinkRelation;

/**
 * An incident linked to a change, with the incident facts known from incident events. The fields stay strings
 * (they are copied from the database and from incident events as they come); the schema documents the closed sets.
 */
@Schema(name = "IncidentLinkView")
public record IncidentLink(UUID incidentId,
        @Schema(type = SchemaType.STRING, allOf = LinkRelation.class, example = "CAUSED_BY") String relation,
        @Schema(enumeration = { "MANUAL", "EVENT" }, example = "MANUAL",
                description = "MANUAL when linked through the API, EVENT when derived from an incident event") String source,
        String linkedBy, Instant linkedAt, String number, String title,
        @Schema(enumeration = { "NEW", "IN_PROGRESS", "ON_HOLD", "RESOLVED", "CLOSED", "CANCELED" },
                example = "IN_PROGRESS", description = "The incident's state (incident-service's IncidentState)") String state,
        @Schema(enumeration = { "P1", "P2", "P3", "P4", "P5" }, example = "P2",
                description = "The incident's priority (incident-service's IncidentPriority)") String priority) {
}
