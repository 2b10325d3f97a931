package dev.itsm.catalog.ci;

import static dev.itsm.catalog.support.Http.MERGE_PATCH;

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

import dev.itsm.catalog.support.Http;
import dev.itsm.catalog.support.PageFields;
import dev.itsm.catalog.support.LifecycleFilter;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ValidationException;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.itsm.catalog.api.CiPatch;
import dev.itsm.catalog.api.CiRequest;
import dev.itsm.catalog.api.CiView;
import dev.itsm.catalog.api.ImpactReport;
import dev.itsm.catalog.api.RelationRequest;
import dev.itsm.catalog.api.RelationView;

@Path(CiResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration items", description = "CIs, their typed relations (runs_on, depends_on, hosts) and impact analysis")
public class CiResource {

    static final String PATH = "/api/v1/catalog/cis";

    static final String EXAMPLE = """
            {"name":"mail-db-01","ciClass":"database","environment":"production","status":"ACTIVE",
             "attributes":{"vendor":"PostgreSQL","version":"15","cores":8}}""";

    static final String PATCH_EXAMPLE = "{\"status\":\"MAINTENANCE\",\"attributes\":{\"version\":\"16\",\"cores\":null}}";

    private final CiService cis;
    private final ImpactAnalysis impact;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;
    private final ChangesFeed feed;

    CiResource(CiService cis, ImpactAnalysis impact, IdempotentCreate idempotent, MergePatch mergePatch, ChangesFeed feed) {
        this.cis = cis;
        this.feed = feed;
        this.impact = impact;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
    }

    @POST
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "registerConfigurationItem", summary = "Register a configuration item", description = "Honours Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CiRequest.class),
            examples = @ExampleObject(name = "database", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CiView.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
    public Response create(@NotNull @Valid CiRequest request, @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("catalog-cis", key, request, () -> Http.created(PATH, cis.create(request)));
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listConfigurationItems", summary = "Search configuration items", description = "Filters combine with AND; q matches the name. "
            + "Sort: name, ciClass, environment, state (or status), createdAt, updatedAt." + PageFields.LIST_NOTES)
    @APIResponse(responseCode = "200", description = "One page of CIs; Link header with first/prev/next/last (next follows the cursor)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigurationItemPage.class)))
    public Response list(@QueryParam("ciClass") String ciClass, @QueryParam("environment") String environment,
            @Parameter(description = "Only CIs in this state", schema = @Schema(implementation = CiStatus.class)) @QueryParam("state") String state,
            @Parameter(deprecated = true, description = "Same as state; kept for existing clients", schema = @Schema(implementation = CiStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Words of the name (full-text search)") @QueryParam("q") String q,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Items per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + PageRequest.MAX_SIZE,
                    defaultValue = "" + PageRequest.DEFAULT_SIZE)) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "e.g. ciClass,-updatedAt (prefix - for descending); not with updatedSince",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "name")) @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        ChangesFeed.Window window = feed.window(updatedSince);
        Sort order = CiService.LISTING.sort(sort, window);
        return Paging.ok(cis.list(ciClass, environment, LifecycleFilter.parse(state, status, CiStatus.class), q,
                QueryParams.page(page, size, cursor, count, q), order, window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getConfigurationItem", summary = "Get a configuration item")
    @APIResponse(responseCode = "200", description = "The CI", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CiView.class)))
    @APIResponse(responseCode = "404", description = "No such CI")
    public Response get(@PathParam("id") UUID id) {
        return Http.ok(cis.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "updateConfigurationItem", summary = "Edit a configuration item", description = "JSON merge patch; attributes "
            + "merge member by member (null removes one).")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = CiPatch.class),
                    examples = @ExampleObject(name = "maintenance", value = PATCH_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CiPatch.class),
                    examples = @ExampleObject(name = "maintenance", value = PATCH_EXAMPLE)) })
    @APIResponse(responseCode = "200", description = "The edited CI", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CiView.class)))
    @APIResponse(responseCode = "404", description = "No such CI")
    @APIResponse(responseCode = "409", description = "Concurrent edit")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body) {
        return Http.ok(cis.patch(id, ifMatch, mergePatch.parse(body)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "deleteConfigurationItem", summary = "Delete a configuration item", description = "Also removes every relation from or to it (one CiRelationChanged REMOVED each), "
            + "then publishes ConfigurationItemChanged with deleted=true.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such CI")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        cis.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/relations")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "relateConfigurationItem", summary = "Relate a CI to a CI or a service", description = "This CI <relation> target, e.g. app runs_on server, app depends_on db, server hosts app. Honours Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RelationRequest.class),
            examples = @ExampleObject(name = "runs on a server", value = "{\"relation\":\"runs_on\",\"targetType\":\"CI\",\"targetId\":\"9b2f3c1e-0d4a-4e5b-8c6d-7e8f9a0b1c2d\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RelationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or a CI related to itself")
    @APIResponse(responseCode = "404", description = "No such CI")
    @APIResponse(responseCode = "409", description = "The same relation exists already")
    @APIResponse(responseCode = "422", description = "The target does not exist (or is a retired service); or Idempotency-Key reused")
    public Response relate(@PathParam("id") UUID id, @NotNull @Valid RelationRequest request,
            @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("catalog-ci-relations:" + id, key, request, () -> {
            RelationView r = cis.relate(id, request);
            // relations are immutable: their ETag is always "0"
            return new IdempotentCreate.Created(URI.create(PATH + "/" + id + "/relations/" + r.id()), r, 0);
        });
    }

    @GET
    @Path("{id}/relations")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listConfigurationItemRelations", summary = "Relations of a CI", description = "direction: outgoing (this CI is the source), incoming (another CI targets it) or both (default).")
    @APIResponse(responseCode = "200", description = "The relations", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = RelationView.class)))
    @APIResponse(responseCode = "400", description = "Unknown direction")
    @APIResponse(responseCode = "404", description = "No such CI")
    public List<RelationView> relations(@PathParam("id") UUID id,
            @Parameter(description = "outgoing, incoming or both", schema = @Schema(type = SchemaType.STRING, enumeration = { "outgoing", "incoming", "both" },
                    defaultValue = "both")) @QueryParam("direction") String direction) {
        return cis.relations(id, direction);
    }

    @DELETE
    @Path("{id}/relations/{relationId}")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "removeConfigurationItemRelation", summary = "Remove a relation of a CI")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such relation from this CI")
    public Response unrelate(@PathParam("id") UUID id, @PathParam("relationId") UUID relationId) {
        cis.unrelate(id, relationId);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/impact")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "analyzeConfigurationItemImpact", summary = "Impact analysis of a CI", description = "Every CI and service that depends on this CI, transitively, nearest first, each with "
            + "its depth and the shortest path from this CI. Impact flows from the target of runs_on/depends_on to its source, from the source "
            + "of hosts to its target, and from a service to the services that depend on it. Cycles are handled (each item appears once; "
            + "the analysed CI itself is never listed). maxDepth (at most " + ImpactAnalysis.MAX_DEPTH + ", the default) and type narrow the "
            + "result. The items come in pages (page, size: default " + PageRequest.DEFAULT_SIZE + ", at most " + PageRequest.MAX_SIZE
            + "); total and the counts describe every matching item, truncated says that later pages hold more.")
    @APIResponse(responseCode = "200", description = "One page of the impact report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImpactReport.class)))
    @APIResponse(responseCode = "400", description = "Bad maxDepth (1-" + ImpactAnalysis.MAX_DEPTH + "), type, page or size (1-" + PageRequest.MAX_SIZE + ")")
    @APIResponse(responseCode = "404", description = "No such CI")
    public ImpactReport impact(@PathParam("id") UUID id,
            @Parameter(description = "Only items at most this many hops away (1-" + ImpactAnalysis.MAX_DEPTH + ", default " + ImpactAnalysis.MAX_DEPTH + ")",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + ImpactAnalysis.MAX_DEPTH)) @QueryParam("maxDepth") String maxDepthRaw,
            @Parameter(description = "Only CIs or only services", schema = @Schema(implementation = TargetType.class)) @QueryParam("type") String type,
            @Parameter(description = "Page, 0-based", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Items per page (1-" + PageRequest.MAX_SIZE + ", default " + PageRequest.DEFAULT_SIZE + ")",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + PageRequest.MAX_SIZE,
                            defaultValue = "" + PageRequest.DEFAULT_SIZE)) @QueryParam("size") String size) {
        Integer maxDepth = QueryParams.integer("maxDepth", maxDepthRaw);
        if (maxDepth != null && (maxDepth < 1 || maxDepth > ImpactAnalysis.MAX_DEPTH)) {
            throw new ValidationException("maxDepth", "must be between 1 and " + ImpactAnalysis.MAX_DEPTH);
        }
        return impact.analyse(id, maxDepth, QueryParams.enumValue("type", type, TargetType.class), QueryParams.page(page, size));
    }

    /** One page of {@link CiView}, as {@link Paging} writes it (the platform's {@code Page}). */
    @Schema(name = "ConfigurationItemPage")
    record ConfigurationItemPage(List<CiView> items,
            @Schema(description = PageFields.PAGE, example = "0") Integer page,
            @Schema(description = PageFields.SIZE, example = "50") int size,
            @Schema(description = PageFields.TOTAL, example = "1234") Long total,
            @Schema(description = PageFields.TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = PageFields.NEXT, example = PageFields.NEXT_EXAMPLE) String next) {
    }
}
