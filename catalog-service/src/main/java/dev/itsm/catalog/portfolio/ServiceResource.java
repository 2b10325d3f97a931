package dev.itsm.catalog.portfolio;

import static dev.itsm.catalog.support.Http.MERGE_PATCH;
import static dev.itsm.platform.problem.Problem.MEDIA_TYPE;

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

import dev.itsm.catalog.api.ServicePatch;
import dev.itsm.catalog.api.ServiceRequest;
import dev.itsm.catalog.api.ServiceUser;
import dev.itsm.catalog.api.ServiceView;
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
import dev.itsm.platform.problem.Problem;
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

@Path(ServiceResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Services", description = "The service portfolio: PIPELINE → LIVE → RETIRED, utility, warranty, dependencies")
public class ServiceResource {

    static final String PATH = "/api/v1/catalog/services";

    static final String EXAMPLE = """
            {"key":"email","name":"Corporate e-mail","type":"BUSINESS","owner":"messaging-team",
             "description":"Mail and calendars for all employees",
             "utility":"Send and receive e-mail and share calendars from any device",
             "warranty":{"availabilityTarget":99.9,"capacityNote":"20,000 mailboxes",
                         "securityClassification":"CONFIDENTIAL","supportHours":"24x7"},
             "dependsOn":[]}""";

    static final String PATCH_EXAMPLE = """
            {"owner":"collaboration-team","warranty":{"availabilityTarget":99.95}}""";

    private final ServicePortfolio portfolio;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;
    private final ChangesFeed feed;

    ServiceResource(ServicePortfolio portfolio, IdempotentCreate idempotent, MergePatch mergePatch, ChangesFeed feed) {
        this.portfolio = portfolio;
        this.feed = feed;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
    }

    @POST
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "addService", summary = "Add a service to the pipeline", description = "Creates a service in status PIPELINE. Honours Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceRequest.class),
            examples = @ExampleObject(name = "email", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceView.class)))
    @APIResponse(responseCode = "409", description = "Key already used (duplicate-key naming field, value and existingId), "
            + "or the dependencies would form a cycle",
            content = @Content(mediaType = MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = { @ExampleObject(name = "duplicate key", value = """
                            {"type":"https://itsm.dev/problems/duplicate-key","title":"Duplicate key","status":409,
                             "detail":"A service with key 'email' already exists","instance":"/api/v1/catalog/services",
                             "field":"key","value":"email","key":"email","existingId":"5a0c3f4e-8d21-4c1b-9d43-2b7d8f0e6a11"}"""),
                            @ExampleObject(name = "cycle", value = """
                            {"type":"https://itsm.dev/problems/dependency-cycle","title":"Dependency cycle","status":409,
                             "detail":"These dependencies would create a cycle: [...]","instance":"/api/v1/catalog/services",
                             "cycle":["3f2a1b0c-4d5e-4f6a-8b7c-9d0e1f2a3b4c","9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d","3f2a1b0c-4d5e-4f6a-8b7c-9d0e1f2a3b4c"]}""") }))
    @APIResponse(responseCode = "422", description = "A dependency does not exist or is retired; or Idempotency-Key reused with another body")
    public Response create(@NotNull @Valid ServiceRequest request,
            @Parameter(description = "Makes the create safe to retry") @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("catalog-services", key, request, () -> Http.created(PATH, portfolio.create(request)));
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listServices", summary = "Search services", description = "Filters combine with AND; q matches key, name, "
            + "description and utility. Sort fields: key, name, state (or status), type, owner, createdAt, updatedAt (prefix - for descending)."
            + PageFields.LIST_NOTES)
    @APIResponse(responseCode = "200", description = "One page of services; Link header with first/prev/next/last (next follows the cursor)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServicePage.class)))
    public Response list(@Parameter(description = "Only services in this state", schema = @Schema(implementation = ServiceStatus.class)) @QueryParam("state") String state,
            @Parameter(deprecated = true, description = "Same as state; kept for existing clients", schema = @Schema(implementation = ServiceStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(implementation = ServiceType.class)) @QueryParam("type") String type,
            @QueryParam("owner") String owner, @Parameter(description = "Words of the key, name, description or utility (full-text search)") @QueryParam("q") String q,
            @Parameter(description = "Only services that depend on this service id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("dependsOn") String dependsOn,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Items per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + PageRequest.MAX_SIZE,
                    defaultValue = "" + PageRequest.DEFAULT_SIZE)) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "e.g. name,-updatedAt (prefix - for descending); not with updatedSince",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "key")) @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        ChangesFeed.Window window = feed.window(updatedSince);
        Sort order = ServicePortfolio.LISTING.sort(sort, window);
        return Paging.ok(portfolio.list(LifecycleFilter.parse(state, status, ServiceStatus.class),
                QueryParams.enumValue("type", type, ServiceType.class), owner, q, QueryParams.uuid("dependsOn", dependsOn),
                QueryParams.page(page, size, cursor, count, q), order, window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getService", summary = "Get a service", description = "The ETag header carries the version for If-Match.")
    @APIResponse(responseCode = "200", description = "The service", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceView.class)))
    @APIResponse(responseCode = "404", description = "No such service")
    public Response get(@PathParam("id") UUID id) {
        return Http.ok(portfolio.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "updateService", summary = "Edit a service", description = "JSON merge patch of the editable fields (key and "
            + "state cannot change here). Send If-Match with the ETag to avoid lost updates.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ServicePatch.class),
                    examples = @ExampleObject(name = "owner and warranty", value = PATCH_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServicePatch.class),
                    examples = @ExampleObject(name = "owner and warranty", value = PATCH_EXAMPLE)) })
    @APIResponse(responseCode = "200", description = "The edited service", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceView.class)))
    @APIResponse(responseCode = "404", description = "No such service")
    @APIResponse(responseCode = "409", description = "Retired services are frozen; dependency cycle; concurrent edit")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "422", description = "A dependency does not exist or is retired")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body) {
        return Http.ok(portfolio.patch(id, ifMatch, mergePatch.parse(body)));
    }

    @POST
    @Path("{id}/go-live")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "takeServiceLive", summary = "Take a service live", description = "PIPELINE → LIVE: the service enters the catalogue and accepts incidents.")
    @APIResponse(responseCode = "200", description = "The live service", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceView.class)))
    @APIResponse(responseCode = "404", description = "No such service")
    @APIResponse(responseCode = "409", description = "Not in PIPELINE (body names currentState and allowedCommands)")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response goLive(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return Http.ok(portfolio.goLive(id, ifMatch));
    }

    @POST
    @Path("{id}/retire")
    @RolesAllowed({ Roles.CATALOG_ADMIN, Roles.ADMIN })
    @Operation(operationId = "retireService", summary = "Retire a service", description = "PIPELINE|LIVE → RETIRED, refused while a product or a non-withdrawn offering still uses it.")
    @APIResponse(responseCode = "200", description = "The retired service", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceView.class)))
    @APIResponse(responseCode = "404", description = "No such service")
    @APIResponse(responseCode = "409", description = "Already retired, or still in use (the body lists the users)",
            content = @Content(mediaType = MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "in use", value = """
                            {"type":"https://itsm.dev/problems/service-in-use","title":"Service in use","status":409,
                             "detail":"Service email is still used by 1 product(s)/offering(s); remove it from them (or withdraw the offerings) first",
                             "instance":"/api/v1/catalog/services/5a0c3f4e-8d21-4c1b-9d43-2b7d8f0e6a11/retire",
                             "users":[{"type":"OFFERING","id":"6b0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f","name":"E-mail for employees",
                                       "state":"PUBLISHED","status":"PUBLISHED"}]}""")))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response retire(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return Http.ok(portfolio.retire(id, ifMatch));
    }

    @GET
    @Path("{id}/users")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listServiceUsers", summary = "Products and offerings that use a service", description = "What blocks retiring it (withdrawn offerings are not listed).")
    @APIResponse(responseCode = "200", description = "The users", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceUser.class)))
    @APIResponse(responseCode = "404", description = "No such service")
    public List<ServiceUser> users(@PathParam("id") UUID id) {
        portfolio.get(id);
        return portfolio.usersOf(id);
    }

    /** One page of {@link ServiceView}, as {@link Paging} writes it (the platform's {@code Page}). */
    @Schema(name = "ServicePage")
    record ServicePage(List<ServiceView> items,
            @Schema(description = PageFields.PAGE, example = "0") Integer page,
            @Schema(description = PageFields.SIZE, example = "50") int size,
            @Schema(description = PageFields.TOTAL, example = "1234") Long total,
            @Schema(description = PageFields.TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = PageFields.NEXT, example = PageFields.NEXT_EXAMPLE) String next) {
    }
}
