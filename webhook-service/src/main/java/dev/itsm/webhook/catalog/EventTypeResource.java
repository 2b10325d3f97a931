package dev.itsm.webhook.catalog;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/webhooks/event-types")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Event types", description = "The CloudEvent types a subscription may filter on")
public class EventTypeResource {

    private final EventTypeCatalog catalog;

    EventTypeResource(EventTypeCatalog catalog) {
        this.catalog = catalog;
    }

    /** The whole catalogue (some dozens of types): not paged. */
    @Schema(name = "EventTypeCatalogView")
    record EventTypeCatalogView(
            @Schema(description = "Every deliverable type, by name") List<EventTypeView> items,
            @Schema(description = "Services with at least one type: dev.itsm.<service>.* is a valid filter for each",
                    example = "[\"catalog\", \"change\", \"incident\", \"sla\"]") List<String> services) {
    }

    @GET
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listWebhookEventTypes", summary = "List the event types a subscription may filter on",
            description = "Read from the services' AsyncAPI documents bundled at build time. This service's own events "
                    + "(itsm.webhook.events) are not deliverable: it does not consume its own topic.")
    @APIResponse(responseCode = "200", description = "The catalogue", content = @Content(schema = @Schema(implementation = EventTypeCatalogView.class)))
    @APIResponse(responseCode = "400", description = "Malformed request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EventTypeCatalogView list() {
        return new EventTypeCatalogView(catalog.all(), catalog.services());
    }
}
