package dev.itsm.webhook.subscription;

import java.net.URI;
import java.util.List;
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

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/webhooks/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions", description = "Who receives which events over HTTP, signed with which secret")
public class SubscriptionResource {

    static final String EXAMPLE = """
            {"name":"Pager: major incidents","description":"Pages the on-call manager",
             "targetUrl":"https://hooks.example.com/itsm",
             "eventTypes":["dev.itsm.incident.MajorIncidentDeclared","dev.itsm.change.*"],
             "subjects":[]}""";
    static final String IF_MATCH = "The ETag from the last read (\"<version>\"); a mismatch is 412";
    static final String BASE = "/api/v1/webhooks/subscriptions/";

    private final SubscriptionService subscriptions;
    private final IdempotentCreate idempotent;
    private final ChangesFeed feed;

    SubscriptionResource(SubscriptionService subscriptions, IdempotentCreate idempotent, ChangesFeed feed) {
        this.subscriptions = subscriptions;
        this.idempotent = idempotent;
        this.feed = feed;
    }

    @POST
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "createWebhookSubscription", summary = "Create a subscription (answers its secret, this once)",
            description = "The target must be https and must not resolve to a loopback, private, link-local or metadata address "
                    + "(unless the operator allows the network); each event type must be in GET /api/v1/webhooks/event-types "
                    + "or be dev.itsm.<service>.*. Accepts Idempotency-Key (a replay answers the same body, secret included).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionRequest.class),
            examples = @ExampleObject(name = "majorIncidents", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; the body carries the secret", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid subscription (each field named: URL, address, unknown event type, secret)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull SubscriptionRequest request,
            @Parameter(description = "Makes retries safe: a replay returns the first response") @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("webhook-subscriptions", key, request, () -> {
            SubscriptionView s = subscriptions.create(request);
            return new IdempotentCreate.Created(URI.create(BASE + s.id()), s, s.version());
        });
    }

    @GET
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listWebhookSubscriptions", summary = "List subscriptions (filter by state, oldest first), or the changes feed (updatedSince)",
            description = "Walk the list with `cursor` (each page's `next`). `total` is counted up to 10,000 unless `count=exact`. "
                    + "With `updatedSince` the list is the changes feed, in (updatedAt, id) order. Secrets are never listed.")
    @APIResponse(responseCode = "200", description = "A page of subscriptions (Link header with first/next)",
            content = @Content(schema = @Schema(implementation = SubscriptionPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, paging, cursor or count", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "Only subscriptions in this state", schema = @Schema(implementation = SubscriptionState.class)) @QueryParam("state") String state,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Context UriInfo uri) {
        ChangesFeed.Window window = feed.window(updatedSince);
        Page<SubscriptionView> found = subscriptions.list(QueryParams.page(page, size, cursor, count), window,
                QueryParams.enumValue("state", state, SubscriptionState.class));
        return Paging.ok(found, uri);
    }

    /** One page of subscriptions, as the list answers it. */
    @Schema(name = "SubscriptionPage")
    record SubscriptionPage(
            @Schema(description = "The items of this page") List<SubscriptionView> items,
            @Schema(description = "Zero-based page number; absent on a page reached by cursor", example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = "Rows matching the query over all pages: exact when totalExact is true, otherwise a lower "
                    + "bound (see the count parameter); absent when not counted", example = "12") Long total,
            @Schema(description = "Whether total is exact (true) or a lower bound (false); absent with total", example = "true") Boolean totalExact,
            @Schema(description = "Cursor of the next page: send it back as ?cursor= (with the same filters). "
                    + "Absent on the last page", example = "eyJvIjoiY3JlYXRlZEF0IiwiayI6WyIyMDI2LTEyLTAxVDEwOjAwOjAwWiJdfQ") String next) {
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getWebhookSubscription", summary = "Get a subscription (without its secret)")
    @APIResponse(responseCode = "200", description = "The subscription, with ETag", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        return withTag(subscriptions.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "updateWebhookSubscription", summary = "Change a subscription (JSON merge patch)",
            description = "name, description, targetUrl, eventTypes, subjects; the result is checked like a new subscription. "
                    + "state changes through pause/resume, the secret through rotate-secret.")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = SubscriptionPatch.class),
            examples = @ExampleObject(name = "types", value = "{\"eventTypes\":[\"dev.itsm.incident.*\"]}")))
    @APIResponse(responseCode = "200", description = "The changed subscription", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid result (each field named)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Concurrent change", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id, @NotNull JsonNode patch,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        return withTag(subscriptions.patch(id, patch, ifMatch));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "deleteWebhookSubscription", summary = "Delete a subscription with its delivery log; nothing more is delivered to it")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        subscriptions.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/pause")
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "pauseWebhookSubscription", summary = "Pause deliveries to an active subscription",
            description = "Matching events keep being queued while it is paused; nothing is sent until resume, which sends them in order.")
    @APIResponse(responseCode = "200", description = "Paused", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not active (the problem lists the allowed commands)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response pause(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        return withTag(subscriptions.pause(id, ifMatch));
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "resumeWebhookSubscription", summary = "Resume a paused subscription, or re-enable a disabled one")
    @APIResponse(responseCode = "200", description = "Active", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already active (the problem lists the allowed commands)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resume(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        return withTag(subscriptions.resume(id, ifMatch));
    }

    @POST
    @Path("{id}/rotate-secret")
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "rotateWebhookSubscriptionSecret", summary = "Rotate the signing secret (answers the new one, this once)",
            description = "Deliveries are signed with both secrets (two v1 signatures) until the overlap ends, so the receiver can "
                    + "switch without losing a delivery. A second rotation during the overlap drops the oldest secret at once.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SecretRotationRequest.class),
            examples = @ExampleObject(name = "day", value = "{\"overlap\":\"PT24H\"}")))
    @APIResponse(responseCode = "200", description = "The subscription with its new secret", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "overlap not an ISO-8601 duration between PT0S and P7D", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rotateSecret(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            SecretRotationRequest request, @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        return withTag(subscriptions.rotateSecret(id, request, ifMatch));
    }

    private static Response withTag(SubscriptionView s) {
        return Response.ok(s).tag(ETags.entityTag(s.version())).build();
    }
}
