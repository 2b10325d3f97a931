package dev.itsm.change.model;

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

/** Change models: the pre-authorised templates of STANDARD changes. */
@Path("/api/v1/changes/models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Change models", description = "Standard change templates (pre-authorised)")
public class ChangeModelResource {

    static final String EXAMPLE = """
            {"name":"TLS certificate rotation","description":"Replace an expiring certificate",
             "implementationPlan":"1. upload cert 2. reload proxy","backoutPlan":"re-install previous cert",
             "testPlan":"curl -v the endpoint","allowedServiceIds":[],"allowedCiIds":[],"active":true}""";

    static final String UNKNOWN_ITEM = "An entry of allowedServiceIds / allowedCiIds is not in the catalog replica "
            + "(unknown-service with serviceId / unknown-ci with ciId; the replica may be catching up with an item created moments ago: retry after a short delay)";
    static final String UNKNOWN_ITEM_ADDED = "A service or CI the edit adds to allowedServiceIds / allowedCiIds is not in the "
            + "catalog replica (unknown-service with serviceId / unknown-ci with ciId; the replica may be catching up with an item created moments ago: retry after a short delay)";

    private final ChangeModelService models;
    private final ChangesFeed feed;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;

    ChangeModelResource(ChangeModelService models, ChangesFeed feed, IdempotentCreate idempotent, MergePatch mergePatch) {
        this.models = models;
        this.feed = feed;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
    }

    @POST
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "createChangeModel", summary = "Create a change model", description = "Accepts Idempotency-Key")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeModelRequest.class),
            examples = @ExampleObject(name = "tls", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ChangeModelView.class)))
    @APIResponse(responseCode = "409", description = "Name already used (duplicate-name with field, value and existingId)")
    @APIResponse(responseCode = "422", description = UNKNOWN_ITEM + ", or Idempotency-Key reused with another body")
    public Response create(@NotNull @Valid ChangeModelRequest request, @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("change-models", key, request, () -> {
            ChangeModelView v = models.create(request);
            return new IdempotentCreate.Created(URI.create("/api/v1/changes/models/" + v.id()), v, v.version());
        });
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listChangeModels", summary = "List change models", description = "Filter active; sort by name, createdAt, updatedAt (default name). Walk it with `cursor` (the `next` of each page; each page is an index read however deep); `total` is counted up to 10,000 unless `count=exact`; with `updatedSince` it is the changes feed, in (updatedAt, id) order, without `sort`")
    @APIResponse(responseCode = "200", description = "One page, with a Link header",
            content = @Content(schema = @Schema(implementation = ChangeModelPage.class)))
    public Response list(@Parameter(description = ChangeResource.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page") String page,
            @Parameter(description = ChangeResource.SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Comma-separated fields, - for descending: name, createdAt, updatedAt", example = "name") @QueryParam("sort") String sort,
            @Parameter(description = "Only active (true) or inactive (false) models", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("active") String active, @Context UriInfo uri) {
        ChangesFeed.Window window = ListQuery.feedWindow(feed, updatedSince, sort);
        Sort order = Sort.parse(sort, ChangeModelService.SORTABLE, "name");
        return Paging.ok(models.list(QueryParams.page(page, size, cursor, count), order, QueryParams.bool("active", active), window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getChangeModel", summary = "Get a change model")
    @APIResponse(responseCode = "200", description = "The model; ETag = version", content = @Content(schema = @Schema(implementation = ChangeModelView.class)))
    @APIResponse(responseCode = "404", description = "No such model")
    public Response get(@PathParam("id") UUID id) {
        ChangeModelView v = models.get(id);
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "replaceChangeModel", summary = "Replace a change model", description = "Honours If-Match")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeModelRequest.class),
            examples = @ExampleObject(name = "tls", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = ChangeModelView.class)))
    @APIResponse(responseCode = "404", description = "No such model")
    @APIResponse(responseCode = "409", description = "Name already used (duplicate-name with field, value and existingId) or edited concurrently")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = UNKNOWN_ITEM_ADDED)
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ChangeModelRequest request) {
        ChangeModelView v = models.replace(id, ifMatch, request);
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "updateChangeModel", summary = "Edit a change model (JSON merge patch)", description = "Honours If-Match")
    @RequestBody(content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = ChangeModelPatch.class),
            examples = @ExampleObject(name = "deactivate", value = "{\"active\":false}")))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ChangeModelView.class)))
    @APIResponse(responseCode = "404", description = "No such model")
    @APIResponse(responseCode = "409", description = "Name already used (duplicate-name with field, value and existingId) or edited concurrently")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = UNKNOWN_ITEM_ADDED)
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body) {
        ChangeModelView v = models.patch(id, ifMatch, mergePatch.parse(body));
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "deleteChangeModel", summary = "Delete an unused change model", description = "A model used by changes cannot be deleted; deactivate it")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such model")
    @APIResponse(responseCode = "409", description = "Model in use")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        models.delete(id, ifMatch);
        return Response.noContent().build();
    }

    /** One page of the list (the schema of the list response). */
    @Schema(name = "ChangeModelPage")
    record ChangeModelPage(@Schema(description = PageSchema.ITEMS) List<ChangeModelView> items,
            @Schema(description = PageSchema.PAGE, example = PageSchema.PAGE_EXAMPLE) Integer page,
            @Schema(description = PageSchema.SIZE, example = PageSchema.SIZE_EXAMPLE) int size,
            @Schema(description = PageSchema.TOTAL, example = PageSchema.TOTAL_EXAMPLE) Long total,
            @Schema(description = PageSchema.TOTAL_EXACT, example = PageSchema.TOTAL_EXACT_EXAMPLE) Boolean totalExact,
            @Schema(description = PageSchema.NEXT, example = PageSchema.NEXT_EXAMPLE) String next) {
    }
}
