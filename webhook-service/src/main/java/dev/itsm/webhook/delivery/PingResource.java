package dev.itsm.webhook.delivery;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/webhooks/subscriptions/{id}/ping")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
public class PingResource {

    private final Pinger pinger;

    PingResource(Pinger pinger) {
        this.pinger = pinger;
    }

    @POST
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "pingWebhookSubscription", summary = "Send a signed dev.itsm.webhook.Ping now and answer what the target said",
            description = "Whatever the subscription's filters and state. Logged in the delivery log (reason PING); never retried, "
                    + "and a 410 answer to a ping does not disable the subscription.")
    @APIResponse(responseCode = "200", description = "The target's answer (or why none came)", content = @Content(schema = @Schema(implementation = PingResult.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PingResult ping(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        return pinger.ping(id);
    }
}
