package dev.itsm.catalog.offering;

import static dev.itsm.catalog.support.Http.MERGE_PATCH;

import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.core.HttpHeaders;
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
    static final String SCHEMA_JSON = "application/schema+json";
    static final MediaType SCHEMA_JSON_TYPE = MediaType.valueOf(SCHEMA_JSON);

    static final String EXAMPLE = """
            {"name":"E-mail for employees","targetConsumerGroup":"all-employees",
             "description":"Everything an employee needs to communicate by mail",
             "serviceIds":["5a0c3f4e-8d21-4c1b-9d43-2b7d8f0e6a11"],
             "components":[{"key":"headset","kind":"GOODS","description":"Headset on request"},
                           {"key":"mailbox","kind":"ACCESS_TO_RESOURCES","description":"Mailbox with 50 GB storage",
                            "fulfilmentGroup":"messaging-team","accessPeriod":"P365D"},
                           {"key":"password-reset","kind":"SERVICE_ACTION","description":"Password reset by the service desk"}]}""";

    /** The request form of the laptop + VPN offering (GET …/form serves it as is). */
    static final String FORM_EXAMPLE = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{
               "laptop":{"type":"object","title":"Laptop",
                         "properties":{"model":{"enum":["STANDARD_14","DEVELOPER_16"],"title":"Model"},
                                       "keyboardLayout":{"type":"string","enum":["DE","FR","UK","US"]},
                                       "deliveryAddress":{"type":"string","minLength":5,"maxLength":300}},
                         "required":["model","deliveryAddress"],"additionalProperties":false},
               "vpn":{"type":"object","title":"VPN access",
                      "properties":{"accessLevel":{"enum":["STANDARD","ADMIN"]},
                                    "targetSystems":{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true},
                                    "justification":{"type":"string","maxLength":1000}},
                      "required":["accessLevel","targetSystems"],"additionalProperties":false}},
             "required":["laptop","vpn"],"additionalProperties":false}""";

    /** An offering with a cost and a request form: a laptop (goods) and VPN access. */
    static final String LAPTOP_EXAMPLE = """
            {"name":"Laptop with VPN access","targetConsumerGroup":"all-employees",
             "description":"A standard laptop, delivered, with remote access to the corporate network",
             "serviceIds":["5a0c3f4e-8d21-4c1b-9d43-2b7d8f0e6a11"],
             "components":[{"key":"laptop","kind":"GOODS","description":"Standard laptop","fulfilmentGroup":"workplace-logistics"},
                           {"key":"vpn","kind":"ACCESS_TO_RESOURCES","description":"VPN access to the corporate network",
                            "fulfilmentGroup":"network-access","accessPeriod":"P180D"}],
             "cost":{"amount":1250.00,"currency":"EUR","period":"ONE_OFF"},
             "requestForm":""" + FORM_EXAMPLE + "}";

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
            examples = { @ExampleObject(name = "e-mail", value = EXAMPLE), @ExampleObject(name = "laptop with VPN", value = LAPTOP_EXAMPLE) }))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingView.class)))
    @APIResponse(responseCode = "422", description = "A service does not exist or is retired; or Idempotency-Key reused")
    public Response create(@NotNull @Valid OfferingRequest request, @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("catalog-offerings", key, request, () -> Http.created(PATH, offerings.create(request)));
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.REQUESTER, Roles.ADMIN })
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
                QueryParams.uuid("serviceId", serviceId), q, QueryParams.page(page, size, cursor, count, q), order, window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.REQUESTER, Roles.ADMIN })
    @Operation(operationId = "getOffering", summary = "Get an offering")
    @APIResponse(responseCode = "200", description = "The offering", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferingView.class)))
    @APIResponse(responseCode = "404", description = "No such offering")
    public Response get(@PathParam("id") UUID id) {
        return Http.ok(offerings.get(id));
    }

    @GET
    @Path("{id}/form")
    @Produces({ SCHEMA_JSON, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.REQUESTER, Roles.ADMIN })
    @Operation(operationId = "getOfferingForm", summary = "Get an offering's request form", description = "The JSON Schema (2020-12) "
            + "of the answers a requester supplies when ordering the offering (POST /api/v1/requests, answers), one top-level "
            + "property per component key. An offering that asks nothing serves an empty form (no properties, no additional "
            + "properties). ETag: the offering's version.")
    @APIResponse(responseCode = "200", description = "The request form", content = {
            @Content(mediaType = SCHEMA_JSON, schema = @Schema(implementation = RequestFormDocument.class),
                    examples = @ExampleObject(name = "laptop with VPN", value = FORM_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RequestFormDocument.class),
                    examples = @ExampleObject(name = "laptop with VPN", value = FORM_EXAMPLE)) })
    @APIResponse(responseCode = "404", description = "No such offering")
    public Response form(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        OfferingService.Form form = offerings.form(id);
        // application/schema+json unless the client asked for plain JSON only
        boolean plain = headers.getAcceptableMediaTypes().stream().noneMatch(m -> m.isCompatible(SCHEMA_JSON_TYPE))
                && headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType());
        return Response.ok(form.schema().toString(), plain ? MediaType.APPLICATION_JSON_TYPE : SCHEMA_JSON_TYPE)
                .tag(ETags.entityTag(form.version())).build();
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

    /** How the OpenAPI document describes a request form: a JSON Schema (2020-12) object schema. */
    @Schema(name = "RequestFormDocument", description = "A JSON Schema (2020-12) for the answers of a service request: one "
            + "top-level property per component key of the offering")
    record RequestFormDocument(
            @Schema(name = "$schema", example = "https://json-schema.org/draft/2020-12/schema") String schema,
            @Schema(enumeration = "object", example = "object") String type,
            @Schema(type = SchemaType.OBJECT, description = "One schema per component key") Map<String, Object> properties,
            @Schema(description = "Component keys that must be answered") List<String> required,
            @Schema(type = SchemaType.BOOLEAN) Boolean additionalProperties) {
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
