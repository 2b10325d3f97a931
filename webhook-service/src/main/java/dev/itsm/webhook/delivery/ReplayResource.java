package dev.itsm.webhook.delivery;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/webhooks/subscriptions/{id}/replay")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
public class ReplayResource {

    private final DeliveryService deliveries;

    ReplayResource(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    /** The time range to replay: [from, to). */
    @Schema(name = "WebhookReplayRequest", requiredProperties = { "from", "to" })
    public record ReplayRequest(
            @Schema(description = "Events with ce_time at or after this", example = "2026-12-01T08:00:00Z") Instant from,
            @Schema(description = "Events with ce_time before this", example = "2026-12-01T12:00:00Z") Instant to) {
    }

    /** How many deliveries the replay queued. */
    @Schema(name = "WebhookReplayResult")
    public record ReplayResult(@Schema(example = "42") int scheduled) {
    }

    @POST
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "replayWebhookEvents", summary = "Deliver the stored events of a time range again",
            description = "Every stored event with ce_time in [from, to) that the subscription's filters match is queued as a new "
                    + "delivery (reason REPLAY), in the order the events were consumed. Events are kept for webhook.event-retention "
                    + "(7 days); a longer range is a 400.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayRequest.class),
            examples = @ExampleObject(name = "morning", value = "{\"from\":\"2026-12-01T08:00:00Z\",\"to\":\"2026-12-01T12:00:00Z\"}")))
    @APIResponse(responseCode = "200", description = "Queued", content = @Content(schema = @Schema(implementation = ReplayResult.class)))
    @APIResponse(responseCode = "400", description = "from or to missing, from not before to, or a range longer than the event retention",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayResult replay(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @NotNull ReplayRequest request) {
        return new ReplayResult(deliveries.replay(id, request.from(), request.to()));
    }
}
