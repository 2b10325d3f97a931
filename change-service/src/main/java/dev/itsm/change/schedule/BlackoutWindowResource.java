package dev.itsm.change.schedule;

import java.net.URI;
import java.time.Instant;
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

import dev.itsm.change.ListQuery;
import dev.itsm.change.PageSchema;
import dev.itsm.change.request.ChangeResource;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Periods in which no change may be implemented, global or per service (a conflict when scheduling) */
@Path("/api/v1/changes/blackout-windows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Blackout windows", description = "Periods in which no change may be implemented, global or per service (a conflict when scheduling)")
public class BlackoutWindowResource {

    static final String EXAMPLE = """
            {"name":"Year-end freeze","reason":"Peak sales","startsAt":"2026-12-20T00:00:00Z","endsAt":"2027-01-04T00:00:00Z","serviceIds":[]}""";

    static final String UNKNOWN_SERVICE = "A service in serviceIds is not in the catalog replica (unknown-service with serviceId; "
            + "the replica may be catching up with a service created moments ago: retry after a short delay)";
    static final String UNKNOWN_SERVICE_ADDED = "A service the edit adds is not in the catalog replica (unknown-service with "
            + "serviceId; the replica may be catching up with a service created moments ago: retry after a short delay)";

    private final WindowService windows;
    private final ChangesFeed feed;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;

    BlackoutWindowResource(WindowService windows, ChangesFeed feed, IdempotentCreate idempotent, MergePatch mergePatch) {
        this.windows = windows;
        this.feed = feed;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
    }

    @POST
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "createBlackoutWindow", summary = "Create a blackout window", description = "Accepts Idempotency-Key")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WindowRequests.Blackout.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = WindowRequests.BlackoutView.class)))
    @APIResponse(responseCode = "422", description = UNKNOWN_SERVICE + ", or Idempotency-Key reused with another blackout window")
    public Response create(@NotNull @Valid WindowRequests.Blackout request, @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("blackout-windows", key, request, () -> {
            WindowRequests.BlackoutView v = windows.createBlackout(request);
            return new IdempotentCreate.Created(URI.create("/api/v1/changes/blackout-windows/" + v.id()), v, v.version());
        });
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listBlackoutWindows", summary = "List blackout windows", description = "From/to select windows overlapping the range; serviceId keeps that service's and global windows; sort by startsAt, endsAt, name (default startsAt). Walk it with `cursor` (the `next` of each page; each page is an index read however deep); `total` is counted up to 10,000 unless `count=exact`; with `updatedSince` it is the changes feed, in (updatedAt, id) order, without `sort`")
    @APIResponse(responseCode = "200", description = "One page, with a Link header",
            content = @Content(schema = @Schema(implementation = BlackoutWindowPage.class)))
    public Response list(@Parameter(description = ChangeResource.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page") String page,
            @Parameter(description = ChangeResource.SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Comma-separated fields, - for descending: startsAt, endsAt, name", example = "startsAt") @QueryParam("sort") String sort,
            @Parameter(description = "Windows ending after this instant", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "Windows starting before this instant", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "This service's and the global windows", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("serviceId") String serviceId, @Context UriInfo uri) {
        ChangesFeed.Window window = ListQuery.feedWindow(feed, updatedSince, sort);
        Sort order = Sort.parse(sort, WindowService.BLACKOUT_SORTABLE, "startsAt");
        return Paging.ok(windows.blackouts(QueryParams.page(page, size, cursor, count), order, QueryParams.instant("from", from),
                QueryParams.instant("to", to), QueryParams.uuid("serviceId", serviceId), window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getBlackoutWindow", summary = "Get a blackout window")
    @APIResponse(responseCode = "200", description = "ETag = version", content = @Content(schema = @Schema(implementation = WindowRequests.BlackoutView.class)))
    @APIResponse(responseCode = "404", description = "No such blackout window")
    public Response get(@PathParam("id") UUID id) {
        WindowRequests.BlackoutView v = windows.get(BlackoutWindow.class, id);
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "replaceBlackoutWindow", summary = "Replace a blackout window", description = "Honours If-Match")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WindowRequests.Blackout.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = WindowRequests.BlackoutView.class)))
    @APIResponse(responseCode = "404", description = "No such blackout window")
    @APIResponse(responseCode = "409", description = "The blackout window was edited concurrently")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version of the blackout window")
    @APIResponse(responseCode = "422", description = UNKNOWN_SERVICE_ADDED)
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid WindowRequests.Blackout request) {
        WindowRequests.BlackoutView v = windows.replace(BlackoutWindow.class, id, ifMatch, request);
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "updateBlackoutWindow", summary = "Edit a blackout window (JSON merge patch)", description = "Honours If-Match")
    @RequestBody(content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = WindowRequests.BlackoutPatch.class),
            examples = @ExampleObject(name = "edit", value = "{\"endsAt\":\"2027-01-06T00:00:00Z\"}")))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = WindowRequests.BlackoutView.class)))
    @APIResponse(responseCode = "404", description = "No such blackout window")
    @APIResponse(responseCode = "409", description = "The blackout window was edited concurrently")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version of the blackout window")
    @APIResponse(responseCode = "422", description = UNKNOWN_SERVICE_ADDED)
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body) {
        WindowRequests.BlackoutView v = windows.patch(BlackoutWindow.class, WindowRequests.Blackout.class, id, ifMatch, mergePatch.parse(body));
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "deleteBlackoutWindow", summary = "Delete a blackout window", description = "Honours If-Match")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such blackout window")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version of the blackout window")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        windows.delete(BlackoutWindow.class, id, ifMatch);
        return Response.noContent().build();
    }

    /** One page of the list (the schema of the list response). */
    @Schema(name = "BlackoutWindowPage")
    record BlackoutWindowPage(@Schema(description = PageSchema.ITEMS) List<WindowRequests.BlackoutView> items,
            @Schema(description = PageSchema.PAGE, example = PageSchema.PAGE_EXAMPLE) Integer page,
            @Schema(description = PageSchema.SIZE, example = PageSchema.SIZE_EXAMPLE) int size,
            @Schema(description = PageSchema.TOTAL, example = PageSchema.TOTAL_EXAMPLE) Long total,
            @Schema(description = PageSchema.TOTAL_EXACT, example = PageSchema.TOTAL_EXACT_EXAMPLE) Boolean totalExact,
            @Schema(description = PageSchema.NEXT, example = PageSchema.NEXT_EXAMPLE) String next) {
    }
}
