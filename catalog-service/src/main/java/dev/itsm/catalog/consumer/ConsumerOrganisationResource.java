package dev.itsm.catalog.consumer;

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

import dev.itsm.catalog.api.ConsumerOrganisationPatch;
import dev.itsm.catalog.api.ConsumerOrganisationRequest;
import dev.itsm.catalog.api.ConsumerOrganisationView;
import dev.itsm.catalog.api.ConsumerPersonRequest;
import dev.itsm.catalog.api.ConsumerPersonView;
import dev.itsm.catalog.support.Http;
import dev.itsm.catalog.support.PageFields;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
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
import jakarta.validation.constraints.Pattern;
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

@Path(ConsumerOrganisationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Consumer organisations", description = "The organisations that order offerings, and their people (USER, CUSTOMER, SPONSOR)")
public class ConsumerOrganisationResource {

    static final String PATH = "/api/v1/catalog/consumer-organisations";

    static final String EXAMPLE = """
            {"name":"Finance department","description":"Accounting, controlling and treasury",
             "parentId":"3f6b2a10-7c4e-4d2a-9b1e-5a8c0d2e4f61"}""";
    static final String PATCH_EXAMPLE = "{\"description\":\"Accounting and controlling\"}";
    static final String PERSON_EXAMPLE = "{\"displayName\":\"Fiona Fischer\",\"roles\":[\"CUSTOMER\",\"SPONSOR\"]}";

    private final ConsumerOrganisationService organisations;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;
    private final ChangesFeed feed;

    ConsumerOrganisationResource(ConsumerOrganisationService organisations, IdempotentCreate idempotent, MergePatch mergePatch,
            ChangesFeed feed) {
        this.organisations = organisations;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
        this.feed = feed;
    }

    @POST
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "createConsumerOrganisation", summary = "Create a consumer organisation",
            description = "Created ACTIVE, without people. Honours Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsumerOrganisationRequest.class),
            examples = @ExampleObject(name = "department", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsumerOrganisationView.class)))
    @APIResponse(responseCode = "422", description = "The parent does not exist (unknown-organisation); or Idempotency-Key reused")
    public Response create(@NotNull @Valid ConsumerOrganisationRequest request, @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("catalog-consumer-organisations", key, request, () -> Http.created(PATH, organisations.create(request)));
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listConsumerOrganisations", summary = "Search consumer organisations", description = "Filters combine "
            + "with AND; q matches name and description. Sort: name, state, createdAt, updatedAt." + PageFields.LIST_NOTES)
    @APIResponse(responseCode = "200", description = "One page of organisations; Link header with first/prev/next/last (next follows the cursor)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsumerOrganisationPage.class)))
    public Response list(@Parameter(description = "Only organisations in this state", schema = @Schema(implementation = OrganisationState.class)) @QueryParam("state") String state,
            @Parameter(description = "Only the direct children of this organisation", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("parentId") String parentId,
            @Parameter(description = "Words of the name or description (full-text search)") @QueryParam("q") String q,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Items per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + PageRequest.MAX_SIZE,
                    defaultValue = "" + PageRequest.DEFAULT_SIZE)) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "e.g. state,-updatedAt (prefix - for descending); not with updatedSince",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "name")) @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        ChangesFeed.Window window = feed.window(updatedSince);
        Sort order = ConsumerOrganisationService.LISTING.sort(sort, window);
        return Paging.ok(organisations.list(QueryParams.enumValue("state", state, OrganisationState.class),
                QueryParams.uuid("parentId", parentId), q, QueryParams.page(page, size, cursor, count, q), order, window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getConsumerOrganisation", summary = "Get a consumer organisation", description = "With its people.")
    @APIResponse(responseCode = "200", description = "The organisation", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsumerOrganisationView.class)))
    @APIResponse(responseCode = "404", description = "No such organisation")
    public Response get(@PathParam("id") UUID id) {
        return Http.ok(organisations.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "updateConsumerOrganisation", summary = "Edit a consumer organisation",
            description = "JSON merge patch of name, description and parentId. A parent below the organisation itself is refused.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ConsumerOrganisationPatch.class),
                    examples = @ExampleObject(name = "new description", value = PATCH_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsumerOrganisationPatch.class),
                    examples = @ExampleObject(name = "new description", value = PATCH_EXAMPLE)) })
    @APIResponse(responseCode = "200", description = "The edited organisation", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsumerOrganisationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field, or state/people sent (they have their own operations)")
    @APIResponse(responseCode = "404", description = "No such organisation")
    @APIResponse(responseCode = "409", description = "Concurrent edit")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "422", description = "The parent does not exist (unknown-organisation) or is below the organisation (organisation-cycle)")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body) {
        return Http.ok(organisations.patch(id, ifMatch, mergePatch.parse(body)));
    }

    @POST
    @Path("{id}/deactivate")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "deactivateConsumerOrganisation", summary = "Deactivate a consumer organisation",
            description = "ACTIVE → INACTIVE: request-service takes no new requests from it. People and relationships stay.")
    @APIResponse(responseCode = "200", description = "The organisation", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsumerOrganisationView.class)))
    @APIResponse(responseCode = "404", description = "No such organisation")
    @APIResponse(responseCode = "409", description = "Already inactive (body names currentState and allowedCommands)")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response deactivate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return Http.ok(organisations.deactivate(id, ifMatch));
    }

    @POST
    @Path("{id}/activate")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "activateConsumerOrganisation", summary = "Activate a consumer organisation", description = "INACTIVE → ACTIVE.")
    @APIResponse(responseCode = "200", description = "The organisation", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsumerOrganisationView.class)))
    @APIResponse(responseCode = "404", description = "No such organisation")
    @APIResponse(responseCode = "409", description = "Already active (body names currentState and allowedCommands)")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response activate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return Http.ok(organisations.activate(id, ifMatch));
    }

    @GET
    @Path("{id}/people")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listConsumerPeople", summary = "List the people of a consumer organisation", description = "By subject.")
    @APIResponse(responseCode = "200", description = "One page of people", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsumerPersonPage.class)))
    @APIResponse(responseCode = "404", description = "No such organisation")
    public Response people(@PathParam("id") UUID id,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Items per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + PageRequest.MAX_SIZE,
                    defaultValue = "" + PageRequest.DEFAULT_SIZE)) @QueryParam("size") String size,
            @Context UriInfo uri) {
        return Paging.ok(organisations.people(id, QueryParams.page(page, size)), uri);
    }

    @PUT
    @Path("{id}/people/{subject}")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "setConsumerPerson", summary = "Add or replace a person of a consumer organisation",
            description = "Creates the person (201) or replaces their name and roles (200). Taking SPONSOR from the sponsor of an "
                    + "ACTIVE relationship is refused. Optional If-Match: the organisation's version; the ETag answered is its new one.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsumerPersonRequest.class),
            examples = @ExampleObject(name = "customer and sponsor", value = PERSON_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsumerPersonView.class)))
    @APIResponse(responseCode = "201", description = "Added", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsumerPersonView.class)))
    @APIResponse(responseCode = "400", description = "No roles, or an invalid field")
    @APIResponse(responseCode = "404", description = "No such organisation")
    @APIResponse(responseCode = "409", description = "The person sponsors an ACTIVE relationship and would lose SPONSOR (sponsor-in-use); or concurrent edit")
    @APIResponse(responseCode = "412", description = "If-Match does not match the organisation's version")
    public Response setPerson(@PathParam("id") UUID id,
            @Parameter(description = "The person's token subject") @PathParam("subject") @Pattern(regexp = "^[^\\s]{1,200}$") String subject,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ConsumerPersonRequest request) {
        ConsumerOrganisationService.PersonPut put = organisations.putPerson(id, subject, ifMatch, request);
        Response.ResponseBuilder answer = put.created()
                ? Response.created(URI.create(PATH + "/" + id + "/people/" + subject))
                : Response.ok();
        return answer.entity(put.person()).tag(ETags.entityTag(put.version())).build();
    }

    @DELETE
    @Path("{id}/people/{subject}")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "removeConsumerPerson", summary = "Remove a person from a consumer organisation",
            description = "The sponsor of an ACTIVE relationship stays until the relationship names another sponsor or ends.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such organisation or person")
    @APIResponse(responseCode = "409", description = "The person sponsors an ACTIVE relationship (sponsor-in-use); or concurrent edit")
    @APIResponse(responseCode = "412", description = "If-Match does not match the organisation's version")
    public Response removePerson(@PathParam("id") UUID id, @Parameter(description = "The person's token subject") @PathParam("subject") String subject,
            @HeaderParam("If-Match") String ifMatch) {
        organisations.removePerson(id, subject, ifMatch);
        return Response.noContent().build();
    }

    /** One page of {@link ConsumerOrganisationView}, as {@link Paging} writes it (the platform's {@code Page}). */
    @Schema(name = "ConsumerOrganisationPage")
    record ConsumerOrganisationPage(List<ConsumerOrganisationView> items,
            @Schema(description = PageFields.PAGE, example = "0") Integer page,
            @Schema(description = PageFields.SIZE, example = "50") int size,
            @Schema(description = PageFields.TOTAL, example = "1234") Long total,
            @Schema(description = PageFields.TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = PageFields.NEXT, example = PageFields.NEXT_EXAMPLE) String next) {
    }

    /** One page of {@link ConsumerPersonView}. */
    @Schema(name = "ConsumerPersonPage")
    record ConsumerPersonPage(List<ConsumerPersonView> items,
            @Schema(description = PageFields.PAGE, example = "0") Integer page,
            @Schema(description = PageFields.SIZE, example = "50") int size,
            @Schema(description = PageFields.TOTAL, example = "12") Long total,
            @Schema(description = PageFields.TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = PageFields.NEXT, example = PageFields.NEXT_EXAMPLE) String next) {
    }
}
