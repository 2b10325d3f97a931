package dev.itsm.catalog.consumer;

import static dev.itsm.catalog.support.Http.MERGE_PATCH;

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

import dev.itsm.catalog.api.ServiceRelationshipPatch;
import dev.itsm.catalog.api.ServiceRelationshipRequest;
import dev.itsm.catalog.api.ServiceRelationshipView;
import dev.itsm.catalog.support.Http;
import dev.itsm.catalog.support.PageFields;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

@Path(ServiceRelationshipResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Service relationships", description = "Which consumer organisation may order which offering, on which terms")
public class ServiceRelationshipResource {

    static final String PATH = "/api/v1/catalog/service-relationships";

    static final String EXAMPLE = """
            {"organisationId":"3f6b2a10-7c4e-4d2a-9b1e-5a8c0d2e4f61","offeringId":"8e1d4c2b-6a3f-4b5e-9c7d-0f2a4b6c8d10",
             "sponsor":"fiona","orderers":["ulla","udo"],
             "validFrom":"2026-12-01T00:00:00Z","validUntil":"2027-12-01T00:00:00Z",
             "approvalLevels":[{"name":"Team lead","rule":"ANY","approvers":["tom","tina"]},
                               {"name":"IT security","rule":"QUORUM","quorum":2,"approvers":["sam","sue","sid"]}]}""";
    static final String PATCH_EXAMPLE = "{\"validUntil\":\"2028-01-01T00:00:00Z\",\"orderers\":[]}";

    private final ServiceRelationshipService relationships;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;
    private final ChangesFeed feed;

    ServiceRelationshipResource(ServiceRelationshipService relationships, IdempotentCreate idempotent, MergePatch mergePatch,
            ChangesFeed feed) {
        this.relationships = relationships;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
        this.feed = feed;
    }

    @POST
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "createServiceRelationship", summary = "Create a service relationship", description = "Created ACTIVE. "
            + "The sponsor must be a SPONSOR of the organisation and every orderer one of its people; one ACTIVE relationship per "
            + "organisation × offering. Honours Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceRelationshipRequest.class),
            examples = @ExampleObject(name = "laptops for finance", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ServiceRelationshipView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field: validUntil not after validFrom, a quorum out of range, a duplicate")
    @APIResponse(responseCode = "409", description = "The organisation already has an ACTIVE relationship for the offering (duplicate-key, existingId)")
    @APIResponse(responseCode = "422", description = "unknown-organisation, unknown-offering, offering-withdrawn, not-a-sponsor, "
            + "unknown-orderer; or Idempotency-Key reused")
    public Response create(@NotNull @Valid ServiceRelationshipRequest request, @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("catalog-service-relationships", key, request, () -> Http.created(PATH, relationships.create(request)));
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listServiceRelationships", summary = "Search service relationships", description = "Filters combine "
            + "with AND. Sort: createdAt (default), state, updatedAt. Walk a large list with cursor (next, Link rel=next); total is "
            + "counted up to 10,000 unless count=exact. updatedSince turns the list into the changes feed, in (updatedAt, id) order.")
    @APIResponse(responseCode = "200", description = "One page of relationships; Link header with first/prev/next/last (next follows the cursor)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceRelationshipPage.class)))
    public Response list(
            @Parameter(description = "Only relationships of this organisation", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("organisationId") String organisationId,
            @Parameter(description = "Only relationships for this offering", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("offeringId") String offeringId,
            @Parameter(description = "Only relationships in this state", schema = @Schema(implementation = RelationshipState.class)) @QueryParam("state") String state,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Items per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + PageRequest.MAX_SIZE,
                    defaultValue = "" + PageRequest.DEFAULT_SIZE)) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "e.g. state,-createdAt (prefix - for descending); not with updatedSince",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "createdAt")) @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        ChangesFeed.Window window = feed.window(updatedSince);
        Sort order = ServiceRelationshipService.LISTING.sort(sort, window);
        return Paging.ok(relationships.list(QueryParams.uuid("organisationId", organisationId), QueryParams.uuid("offeringId", offeringId),
                QueryParams.enumValue("state", state, RelationshipState.class), QueryParams.page(page, size, cursor, count), order, window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getServiceRelationship", summary = "Get a service relationship")
    @APIResponse(responseCode = "200", description = "The relationship", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ServiceRelationshipView.class)))
    @APIResponse(responseCode = "404", description = "No such relationship")
    public Response get(@PathParam("id") UUID id) {
        return Http.ok(relationships.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "updateServiceRelationship", summary = "Amend a service relationship", description = "JSON merge patch "
            + "of sponsor, orderers, validUntil and approvalLevels (lists replace the whole list) of an ACTIVE relationship.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ServiceRelationshipPatch.class),
                    examples = @ExampleObject(name = "extended", value = PATCH_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceRelationshipPatch.class),
                    examples = @ExampleObject(name = "extended", value = PATCH_EXAMPLE)) })
    @APIResponse(responseCode = "200", description = "The amended relationship", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ServiceRelationshipView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field, or a fixed one (organisationId, offeringId, validFrom, state) changed")
    @APIResponse(responseCode = "404", description = "No such relationship")
    @APIResponse(responseCode = "409", description = "Terminated (body names currentState and allowedCommands); or concurrent edit")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "422", description = "not-a-sponsor, unknown-orderer")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body) {
        return Http.ok(relationships.patch(id, ifMatch, mergePatch.parse(body)));
    }

    @POST
    @Path("{id}/terminate")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "terminateServiceRelationship", summary = "Terminate a service relationship",
            description = "ACTIVE → TERMINATED (final): the organisation can no longer order the offering under it.")
    @APIResponse(responseCode = "200", description = "The terminated relationship", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ServiceRelationshipView.class)))
    @APIResponse(responseCode = "404", description = "No such relationship")
    @APIResponse(responseCode = "409", description = "Already terminated (body names currentState and allowedCommands)")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response terminate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return Http.ok(relationships.terminate(id, ifMatch));
    }

    /** One page of {@link ServiceRelationshipView}, as {@link Paging} writes it (the platform's {@code Page}). */
    @Schema(name = "ServiceRelationshipPage")
    record ServiceRelationshipPage(List<ServiceRelationshipView> items,
            @Schema(description = PageFields.PAGE, example = "0") Integer page,
            @Schema(description = PageFields.SIZE, example = "50") int size,
            @Schema(description = PageFields.TOTAL, example = "1234") Long total,
            @Schema(description = PageFields.TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = PageFields.NEXT, example = PageFields.NEXT_EXAMPLE) String next) {
    }
}
