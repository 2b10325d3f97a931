package dev.itsm.webhook.delivery;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/webhooks/subscriptions/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries", description = "The delivery log of a subscription: every event sent, its attempts, redelivery")
public class DeliveryLogResource {

    private final DeliveryLog log;
    private final DeliveryService deliveries;

    DeliveryLogResource(DeliveryLog log, DeliveryService deliveries) {
        this.log = log;
        this.deliveries = deliveries;
    }

    @GET
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log of a subscription, newest first",
            description = "Walk it with `cursor` (each page's `next`). PENDING and IN_FLIGHT deliveries are on their way; "
                    + "DELIVERED and DEAD are final (DEAD: the retry budget ran out; redeliver sends it again). "
                    + "`total` is counted up to 10,000 unless `count=exact`.")
    @APIResponse(responseCode = "200", description = "A page of deliveries (Link header with next)",
            content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, paging, cursor or count", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "Only deliveries in this state", schema = @Schema(implementation = DeliveryState.class)) @QueryParam("state") String state,
            @Parameter(description = "Only deliveries of this ce_type", example = "dev.itsm.incident.IncidentOpened") @QueryParam("eventType") String eventType,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Context UriInfo uri) {
        Page<DeliveryView> found = log.list(id, QueryParams.enumValue("state", state, DeliveryState.class), QueryParams.text(eventType),
                QueryParams.page(page, size, cursor, count));
        return Paging.ok(found, uri);
    }

    @GET
    @Path("{delivery}")
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery with every attempt (status, time, error, response prefix)")
    @APIResponse(responseCode = "200", description = "The delivery", content = @Content(schema = @Schema(implementation = DeliveryDetailView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeliveryDetailView get(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "The delivery's id in the log (a number, not a UUID: the log's sequence)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @PathParam("delivery") long deliveryId) {
        return log.get(id, deliveryId);
    }

    @POST
    @Path("{delivery}/redeliver")
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a DELIVERED or DEAD delivery's event again",
            description = "Queues a new delivery of the same event (reason REDELIVER, same webhook-id so the receiver can tell it is a "
                    + "repeat), behind the open deliveries of the same subject.")
    @APIResponse(responseCode = "202", description = "Queued: the new delivery", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The delivery is still open (PENDING or IN_FLIGHT)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeliver(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "The delivery's id in the log (a number, not a UUID: the log's sequence)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @PathParam("delivery") long deliveryId) {
        return Response.accepted(deliveries.redeliver(id, deliveryId)).build();
    }

    /** One page of the delivery log. */
    @Schema(name = "DeliveryPage")
    record DeliveryPage(
            @Schema(description = "The items of this page") List<DeliveryView> items,
            @Schema(description = "Zero-based page number; absent on a page reached by cursor", example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = "Rows matching the query over all pages: exact when totalExact is true, otherwise a lower "
                    + "bound (see the count parameter); absent when not counted", example = "12") Long total,
            @Schema(description = "Whether total is exact (true) or a lower bound (false); absent with total", example = "true") Boolean totalExact,
            @Schema(description = "Cursor of the next page: send it back as ?cursor= (with the same filters). "
                    + "Absent on the last page", example = "eyJvIjoiLWQuaWQiLCJrIjpbIjQ3MTEiXX0") String next) {
    }
}
