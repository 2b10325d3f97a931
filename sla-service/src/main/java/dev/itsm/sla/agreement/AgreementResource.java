package dev.itsm.sla.agreement;

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
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.platform.security.Roles;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.sla.timer.RecordKind;
import jakarta.annotation.security.RolesAllowed;
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

@Path("/api/v1/sla/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agreements", description = "SLAs, OLAs and underpinning contracts with targets per metric and priority")
public class AgreementResource {

    static final String EXAMPLE = """
            {"name":"Gold service desk SLA","type":"SLA",
             "scope":{"allServices":false,"serviceIds":["3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01"]},
             "appliesTo":{"priorities":["P1","P2","P3"],"categories":[]},
             "calendarId":"00000000-0000-0000-0000-000000000247",
             "targets":[{"metric":"TIME_TO_RESPOND","priority":"P1","duration":"PT15M"},
                        {"metric":"TIME_TO_RESOLVE","priority":"P1","duration":"PT4H"},
                        {"metric":"TIME_TO_RESOLVE","priority":"P2","duration":"PT8H"},
                        {"metric":"TIME_TO_RESOLVE","priority":"P3","duration":"P3D"}],
             "pauseConditions":{"states":["ON_HOLD"],"holdReasons":["AWAITING_CALLER"]},
             "warningThresholds":[50,75]}""";
    static final String UC_EXAMPLE = """
            {"name":"Acme hosting UC","type":"UC","supplier":"Acme Hosting Ltd","scope":{"allServices":true},
             "targets":[{"metric":"TIME_TO_RESOLVE","priority":"P1","duration":"PT2H"}],
             "pauseConditions":{"states":["ON_HOLD"],"holdReasons":["AWAITING_CALLER","AWAITING_VENDOR"]}}""";

    static final String REQUEST_EXAMPLE = """
            {"name":"Laptop fulfilment SLA","type":"SLA","recordKind":"REQUEST",
             "scope":{"allServices":false,"serviceIds":[],"offeringIds":["5a7d9c1e-2b3f-4e6a-8c0d-1f2e3d4c5b6a"]},
             "targets":[{"metric":"TIME_TO_APPROVE","duration":"P1D"},{"metric":"TIME_TO_FULFIL","duration":"P5D"}],
             "warningThresholds":[50,75]}""";

    static final String IF_MATCH = "The ETag from the last read (\"<version>\"); a mismatch is 412";

    private final AgreementService agreements;
    private final IdempotentCreate idempotent;
    private final ChangesFeed feed;

    AgreementResource(AgreementService agreements, IdempotentCreate idempotent, ChangesFeed feed) {
        this.agreements = agreements;
        this.idempotent = idempotent;
        this.feed = feed;
    }

    @POST
    @RolesAllowed({ Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "createSlaAgreement", summary = "Create an agreement (revision 1)",
            description = "Every service in scope.serviceIds must be known to the catalogue replica (else 422 unknown-service; "
                    + "a service created moments ago may not have reached it yet: retry after a short delay). recordKind INCIDENT (default) "
                    + "times incidents: TIME_TO_RESPOND / TIME_TO_RESOLVE targets, each for a priority. recordKind REQUEST times service "
                    + "requests: TIME_TO_APPROVE / TIME_TO_FULFIL targets without priority, scoped by scope.offeringIds and/or "
                    + "scope.serviceIds (a request is covered when it orders one of the offerings or one of its services is listed). "
                    + "Accepts Idempotency-Key.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementDefinition.class),
            examples = { @ExampleObject(name = "sla", value = EXAMPLE), @ExampleObject(name = "uc", value = UC_EXAMPLE),
                    @ExampleObject(name = "request", value = REQUEST_EXAMPLE) }))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid agreement (each field named)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Name already used", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown calendar or service; record-kind-mismatch (errors[] names each field: a REQUEST "
            + "agreement with an incident metric, a target priority, priorities/categories or incident pause states; an INCIDENT agreement with "
            + "a request metric or scope.offeringIds); or Idempotency-Key reused with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull AgreementDefinition request,
            @Parameter(description = "Makes retries safe: a replay returns the first response") @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("sla-agreements", key, request, () -> {
            AgreementView a = agreements.create(request);
            return new IdempotentCreate.Created(URI.create("/api/v1/sla/agreements/" + a.id()), a, a.version());
        });
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listSlaAgreements", summary = "List agreements (filter by type, state, calendarId; sort by name/type/createdAt/updatedAt), or the changes feed (updatedSince)",
            description = "Walk the list with `cursor` (each page's `next`). `total` is counted up to 10,000 unless `count=exact`. "
                    + "With `updatedSince` the list is the changes feed, in (updatedAt, id) order.")
    @APIResponse(responseCode = "200", description = "A page of agreements (Link header with first/next, and prev/last for page numbers with an exact total)",
            content = @Content(schema = @Schema(implementation = AgreementPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, paging, cursor, count or sort (sort together with updatedSince)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(schema = @Schema(implementation = AgreementType.class)) @QueryParam("type") String type,
            @Parameter(description = "Lifecycle state", schema = @Schema(implementation = AgreementStatus.class)) @QueryParam("state") String state,
            @Parameter(description = "Deprecated: use state (the same filter)", deprecated = true,
                    schema = @Schema(implementation = AgreementStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("calendarId") String calendarId,
            @Parameter(description = "Only agreements timing this kind of record", schema = @Schema(implementation = RecordKind.class))
            @QueryParam("recordKind") String recordKind,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = "Comma-separated fields, - for descending: name, type, createdAt, updatedAt (default name; ties by id). "
                    + "Not with updatedSince", example = "-updatedAt")
            @QueryParam("sort") String sort,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Context UriInfo uri) {
        ChangesFeed.Window window = feed.window(updatedSince);
        if (window != null && QueryParams.text(sort) != null) {
            throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order");
        }
        Sort order = Sort.parse(sort, AgreementService.SORTABLE, "name");
        AgreementStatus byState = QueryParams.enumValue("state", state, AgreementStatus.class);
        AgreementStatus byStatus = QueryParams.enumValue("status", status, AgreementStatus.class);
        if (byState != null && byStatus != null && byState != byStatus) {
            throw new ValidationException("status", "is the older name of state; they ask for different states (" + byStatus + ", " + byState + ")");
        }
        Page<AgreementView> found = agreements.list(QueryParams.page(page, size, cursor, count), order, window,
                QueryParams.enumValue("type", type, AgreementType.class), byState != null ? byState : byStatus,
                QueryParams.uuid("calendarId", calendarId), QueryParams.enumValue("recordKind", recordKind, RecordKind.class));
        return Paging.ok(found, uri);
    }

    /** One page of agreements, as the list answers it. */
    @Schema(name = "AgreementPage")
    record AgreementPage(
            @Schema(description = "The items of this page") List<AgreementView> items,
            @Schema(description = "Zero-based page number; absent on a page reached by cursor", example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = "Rows matching the query over all pages: exact when totalExact is true, otherwise a lower "
                    + "bound (see the count parameter); absent when not counted", example = "1234") Long total,
            @Schema(description = "Whether total is exact (true) or a lower bound (false); absent with total", example = "true") Boolean totalExact,
            @Schema(description = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
                    + "Absent on the last page", example = "eyJvIjoiLW9wZW5lZEF0IiwiayI6WyIyMDI2LTEyLTAxVDEwOjAwOjAwWiJdfQ") String next) {
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getSlaAgreement", summary = "Get an agreement's current revision")
    @APIResponse(responseCode = "200", description = "The agreement, with ETag", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "404", description = "No such agreement", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        AgreementView a = agreements.get(id);
        return Response.ok(a).tag(ETags.entityTag(a.version())).build();
    }

    @GET
    @Path("{id}/revisions/{revision}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getSlaAgreementRevision", summary = "Get one revision of an agreement (what timers started under it use)")
    @APIResponse(responseCode = "200", description = "The revision", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "404", description = "No such agreement or revision", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgreementView revision(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("revision") int revision) {
        return agreements.revision(id, revision);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "updateSlaAgreement", summary = "Change an agreement (JSON merge patch) — creates the next revision; open timers keep theirs")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = AgreementPatch.class),
            examples = @ExampleObject(name = "thresholds", value = "{\"warningThresholds\":[60,90]}")))
    @APIResponse(responseCode = "200", description = "The new revision", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid result (each field named)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Name taken or concurrent change", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown calendar, a service added to the scope that the catalogue replica does not know, or record-kind-mismatch (a changed recordKind, or targets, scope or conditions that do not fit the kind; errors[] names each field)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id, @NotNull JsonNode patch,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        AgreementView a = agreements.patch(id, patch, ifMatch);
        return Response.ok(a).tag(ETags.entityTag(a.version())).build();
    }

    @POST
    @Path("{id}/retire")
    @RolesAllowed({ Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "retireSlaAgreement", summary = "Retire an agreement: no new timers; open timers run to their end")
    @APIResponse(responseCode = "200", description = "Retired", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "404", description = "No such agreement", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already retired", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response retire(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        AgreementView a = agreements.retire(id, ifMatch);
        return Response.ok(a).tag(ETags.entityTag(a.version())).build();
    }

    @POST
    @Path("{id}/activate")
    @RolesAllowed({ Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "activateSlaAgreement", summary = "Activate a retired agreement again")
    @APIResponse(responseCode = "200", description = "Active", content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "404", description = "No such agreement", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already active", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response activate(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        AgreementView a = agreements.activate(id, ifMatch);
        return Response.ok(a).tag(ETags.entityTag(a.version())).build();
    }
}
