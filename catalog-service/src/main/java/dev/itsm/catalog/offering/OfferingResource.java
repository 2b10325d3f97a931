package dev.itsm.catalog.offering;

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

import dev.itsm.catalog.support.Http;
import dev.itsm.catalog.support.PageFields;
import dev.itsm.catalog.support.LifecycleFilter;
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

import dev.itsm.catalog.api.OfferingPatch;
import dev.itsm.catalog.api.OfferingRequest;
import dev.itsm.catalog.api.OfferingView;

@Path(OfferingResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Offerings", description = "Service offerings: goods, access to resources and service actions for a target consumer group")
public class OfferingResource {

    static final String PATH = "/api/v1/catalog/offerings";

    static final String EXAMPLE = """
            {"name":"E-mail for employees","targetConsumerGroup":"all-employees",
             "description":"Everything an employee needs to communicate by mail",
             "serviceIds":["5a0c3f4e-8d21-4c1b-9d43-2b7d8f0e6a11"],
             "components":[{"kind":"GOODS","description":"Headset on request"},
                           {"kind":"ACCESS_TO_RESOURCES","description":"Mailbox with 50 GB storage"},
                           {"kind":"SERVICE_ACTION","description":"Password reset by the service desk"}]}""";

    static final String PATCH_EXAMPLE = "{\"targetConsumerGroup\":\"contractors\"}";

    private final OfferingService offerings;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;
    private final ChangesFeed feed;

    OfferingResource(OfferingService offerings, IdempotentCreate idempotent, MergePatch mergePatch, ChangesFeed feed) {
        this.offerings = offerings;
        this.feed = feed;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
    }

    @POST
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "draftOffering", summary = "Draft an offering", description = "Creates the offering in status DRAFT. Honours Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingRequest.class),
            examples = @ExampleObject(name = "e-mail", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingView.class)))
    @APIResponse(responseCode = "422", description = "A service does not exist or is retired; or Idempotency-Key reused")
    public Response create(@NotNull @Valid OfferingRequest request, @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("catalog-offerings", key, request, () -> Http.created(PATH, offerings.create(request)));
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listOfferings", summary = "Search offerings", description = "Filters combine with AND; q matches name, description and "
            + "consumer group. Sort: name, state (or status), targetConsumerGroup, createdAt, updatedAt." + PageFields.LIST_NOTES)
    @APIResponse(responseCode = "200", description = "One page of offerings; Link header with first/prev/next/last (next follows the cursor)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingPage.class)))
    public Response list(@Parameter(description = "Only offerings in this state", schema = @Schema(implementation = OfferingStatus.class)) @QueryParam("state") String state,
            @Parameter(deprecated = true, description = "Same as state; kept for existing clients", schema = @Schema(implementation = OfferingStatus.class)) @QueryParam("status") String status,
            @QueryParam("targetConsumerGroup") String group,
            @Parameter(description = "Only offerings covering this service", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("serviceId") String serviceId,
            @Parameter(description = "Words of the name, description or consumer group (full-text search)") @QueryParam("q") String q,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Items per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + PageRequest.MAX_SIZE,
                    defaultValue = "" + PageRequest.DEFAULT_SIZE)) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "e.g. targetConsumerGroup,-updatedAt (prefix - for descending); not with updatedSince",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "name")) @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        ChangesFeed.Window window = feed.window(updatedSince);
        Sort order = OfferingService.LISTING.sort(sort, window);
        return Paging.ok(offerings.list(LifecycleFilter.parse(state, status, OfferingStatus.class), group,
                QueryParams.uuid("serviceId", serviceId), q, QueryParams.page(page, size, cursor, count), order, window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getOffering", summary = "Get an offering")
    @APIResponse(responseCode = "200", description = "The offering", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingView.class)))
    @APIResponse(responseCode = "404", description = "No such offering")
    public Response get(@PathParam("id") UUID id) {
        return Http.ok(offerings.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "updateOffering", summary = "Edit an offering", description = "JSON merge patch; lists replace the whole list. A withdrawn offering is final; "
            + "editing a published one republishes it (its services must be LIVE).")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = OfferingPatch.class),
                    examples = @ExampleObject(name = "new group", value = PATCH_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingPatch.class),
                    examples = @ExampleObject(name = "new group", value = PATCH_EXAMPLE)) })
    @APIResponse(responseCode = "200", description = "The edited offering", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingView.class)))
    @APIResponse(responseCode = "404", description = "No such offering")
    @APIResponse(responseCode = "409", description = "Withdrawn; or concurrent edit")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "422", description = "A service does not exist, is retired, or (published offering) is not LIVE")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body) {
        return Http.ok(offerings.patch(id, ifMatch, mergePatch.parse(body)));
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "publishOffering", summary = "Publish an offering", description = "DRAFT → PUBLISHED; needs at least one service (all LIVE) and one component.")
    @APIResponse(responseCode = "200", description = "The published offering", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingView.class)))
    @APIResponse(responseCode = "404", description = "No such offering")
    @APIResponse(responseCode = "409", description = "Not a draft (body names currentState and allowedCommands)")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "422", description = "Incomplete, or a service is not LIVE")
    public Response publish(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return Http.ok(offerings.publish(id, ifMatch));
    }

    @POST
    @Path("{id}/withdraw")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "withdrawOffering", summary = "Withdraw an offering", description = "DRAFT|PUBLISHED → WITHDRAWN (final); its services no longer count as used by it.")
    @APIResponse(responseCode = "200", description = "The withdrawn offering", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingView.class)))
    @APIResponse(responseCode = "404", description = "No such offering")
    @APIResponse(responseCode = "409", description = "Already withdrawn")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response withdraw(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return Http.ok(offerings.withdraw(id, ifMatch));
    }

    /** One page of {@link OfferingView}, as {@link Paging} writes it (the platform's {@code Page}). */
    @Schema(name = "OfferingPage")
    record OfferingPage(List<OfferingView> items,
            @Schema(description = PageFields.PAGE, example = "0") Integer page,
            @Schema(description = PageFields.SIZE, example = "50") int size,
            @Schema(description = PageFields.TOTAL, example = "1234") Long total,
            @Schema(description = PageFields.TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = PageFields.NEXT, example = PageFields.NEXT_EXAMPLE) String next) {
    }
}
