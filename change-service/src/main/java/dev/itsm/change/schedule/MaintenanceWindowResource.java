package dev.itsm.change.schedule;

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

/** Weekly maintenance windows per service, in the service time zone; a NORMAL change outside them is a conflict */
@Path("/api/v1/changes/maintenance-windows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Maintenance windows", description = "Weekly maintenance windows per service, in the service time zone; a NORMAL change outside them is a conflict")
public class MaintenanceWindowResource {

    static final String EXAMPLE = """
            {"serviceId":"5b0c1e0e-8a7e-4a53-9d7e-1f2b3c4d5e6f","name":"Sunday night","daysOfWeek":["SUNDAY"],"startTime":"02:00","durationMinutes":240,"timeZone":"Europe/Berlin"}""";

    static final String UNKNOWN_SERVICE = "serviceId is not in the catalog replica (unknown-service with serviceId; "
            + "the replica may be catching up with a service created moments ago: retry after a short delay)";
    static final String UNKNOWN_SERVICE_ADDED = "The new serviceId is not in the catalog replica (unknown-service with "
            + "serviceId; the replica may be catching up with a service created moments ago: retry after a short delay)";

    private final WindowService windows;
    private final ChangesFeed feed;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;

    MaintenanceWindowResource(WindowService windows, ChangesFeed feed, IdempotentCreate idempotent, MergePatch mergePatch) {
        this.windows = windows;
        this.feed = feed;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
    }

    @POST
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "createMaintenanceWindow", summary = "Create a maintenance window", description = "Accepts Idempotency-Key")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WindowRequests.Maintenance.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = WindowRequests.MaintenanceView.class)))
    @APIResponse(responseCode = "422", description = UNKNOWN_SERVICE + ", or Idempotency-Key reused with another maintenance window")
    public Response create(@NotNull @Valid WindowRequests.Maintenance request, @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("maintenance-windows", key, request, () -> {
            WindowRequests.MaintenanceView v = windows.createMaintenance(request);
            return new IdempotentCreate.Created(URI.create("/api/v1/changes/maintenance-windows/" + v.id()), v, v.version());
        });
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listMaintenanceWindows", summary = "List maintenance windows", description = "Filter serviceId; sort by name, serviceId (default name). Walk it with `cursor` (the `next` of each page; each page is an index read however deep); `total` is counted up to 10,000 unless `count=exact`; with `updatedSince` it is the changes feed, in (updatedAt, id) order, without `sort`")
    @APIResponse(responseCode = "200", description = "One page, with a Link header",
            content = @Content(schema = @Schema(implementation = MaintenanceWindowPage.class)))
    public Response list(@Parameter(description = ChangeResource.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page") String page,
            @Parameter(description = ChangeResource.SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Comma-separated fields, - for descending: name, serviceId", example = "name") @QueryParam("sort") String sort,
            @Parameter(description = "Only this service's windows", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("serviceId") String serviceId, @Context UriInfo uri) {
        ChangesFeed.Window window = ListQuery.feedWindow(feed, updatedSince, sort);
        Sort order = Sort.parse(sort, WindowService.MAINTENANCE_SORTABLE, "name");
        return Paging.ok(windows.maintenanceWindows(QueryParams.page(page, size, cursor, count), order,
                QueryParams.uuid("serviceId", serviceId), window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getMaintenanceWindow", summary = "Get a maintenance window")
    @APIResponse(responseCode = "200", description = "ETag = version", content = @Content(schema = @Schema(implementation = WindowRequests.MaintenanceView.class)))
    @APIResponse(responseCode = "404", description = "No such maintenance window")
    public Response get(@PathParam("id") UUID id) {
        WindowRequests.MaintenanceView v = windows.get(MaintenanceWindow.class, id);
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "replaceMaintenanceWindow", summary = "Replace a maintenance window", description = "Honours If-Match")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WindowRequests.Maintenance.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = WindowRequests.MaintenanceView.class)))
    @APIResponse(responseCode = "404", description = "No such maintenance window")
    @APIResponse(responseCode = "409", description = "The maintenance window was edited concurrently")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version of the maintenance window")
    @APIResponse(responseCode = "422", description = UNKNOWN_SERVICE_ADDED)
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid WindowRequests.Maintenance request) {
        WindowRequests.MaintenanceView v = windows.replace(MaintenanceWindow.class, id, ifMatch, request);
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "updateMaintenanceWindow", summary = "Edit a maintenance window (JSON merge patch)", description = "Honours If-Match")
    @RequestBody(content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = WindowRequests.MaintenancePatch.class),
            examples = @ExampleObject(name = "edit", value = "{\"durationMinutes\":300}")))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = WindowRequests.MaintenanceView.class)))
    @APIResponse(responseCode = "404", description = "No such maintenance window")
    @APIResponse(responseCode = "409", description = "The maintenance window was edited concurrently")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version of the maintenance window")
    @APIResponse(responseCode = "422", description = UNKNOWN_SERVICE_ADDED)
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body) {
        WindowRequests.MaintenanceView v = windows.patch(MaintenanceWindow.class, WindowRequests.Maintenance.class, id, ifMatch, mergePatch.parse(body));
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "deleteMaintenanceWindow", summary = "Delete a maintenance window", description = "Honours If-Match")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such maintenance window")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version of the maintenance window")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        windows.delete(MaintenanceWindow.class, id, ifMatch);
        return Response.noContent().build();
    }

    /** One page of the list (the schema of the list response). */
    @Schema(name = "MaintenanceWindowPage")
    record MaintenanceWindowPage(@Schema(description = PageSchema.ITEMS) List<WindowRequests.MaintenanceView> items,
            @Schema(description = PageSchema.PAGE, example = PageSchema.PAGE_EXAMPLE) Integer page,
            @Schema(description = PageSchema.SIZE, example = PageSchema.SIZE_EXAMPLE) int size,
            @Schema(description = PageSchema.TOTAL, example = PageSchema.TOTAL_EXAMPLE) Long total,
            @Schema(description = PageSchema.TOTAL_EXACT, example = PageSchema.TOTAL_EXACT_EXAMPLE) Boolean totalExact,
            @Schema(description = PageSchema.NEXT, example = PageSchema.NEXT_EXAMPLE) String next) {
    }
}
