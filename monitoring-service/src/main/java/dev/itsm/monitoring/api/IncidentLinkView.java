package dev.itsm.monitoring.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.monitoring.replica.IncidentLink;

@Schema(name = "AlertGroupIncidentView", description = "The incident incident-service opened for the group, as its events told us")
public record IncidentLinkView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01") UUID incidentId,
        @Schema(example = "INC0004711") String number,
        @Schema(description = "The incident's state (incident-service's IncidentState)", example = "IN_PROGRESS") String state) {

    static IncidentLinkView of(IncidentLink link) {
        return new IncidentLinkView(link.incidentId(), link.number(), link.state());
    }
}
