package dev.itsm.webhook.catalog;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One deliverable CloudEvent type, as its owner's AsyncAPI document declares it. */
@Schema(name = "EventTypeView", description = "A CloudEvent type a subscription may filter on")
public record EventTypeView(
        @Schema(description = "The ce_type", example = "dev.itsm.incident.IncidentOpened") String type,
        @Schema(description = "The service that publishes it (dev.itsm.<service>.* selects all of its types)", example = "incident") String service,
        @Schema(description = "What the event means, from the service's AsyncAPI document", example = "An incident was opened") String summary) {
}
