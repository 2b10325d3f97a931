package dev.itsm.request;

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

import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.platform.security.Roles;
import dev.itsm.request.api.AnswerRequest;
import dev.itsm.request.api.CommentRequest;
import dev.itsm.request.api.CreateRequest;
import dev.itsm.request.api.GrantView;
import dev.itsm.request.api.HistoryEntryView;
import dev.itsm.request.api.QuestionRequest;
import dev.itsm.request.api.ReasonRequest;
import dev.itsm.request.api.RequestView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * Service requests: order, read, list, history, lifecycle commands, the request's access grants. Thin:
 * it maps requests to {@link RequestService} calls and requests to {@link RequestView}s. Reading and
 * deciding are open to every role (approvers may have any role); {@link RequestAccess} limits callers who
 * do not read everything to the requests that name them (404 for any other id).
 */
@Path("/api/v1/requests")
@Tag(name = "Service requests", description = "Order published offerings; approvals, fulfilment, access grants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RequestResource {

    static final String PROBLEM = Problem.MEDIA_TYPE;
    private static final String BASE = "/api/v1/requests/";
    static final String NOT_FOUND = "No such request, or not one the caller may see";
    static final String STALE = "If-Match does not match the current version";
    static final String IF_MATCH = "The ETag of the last read (\"<version>\"); a different version is 412";
    static final String ID = "Request id";
    static final String SIZE = "Page size, at most 500";
    static final String CONFLICT = "Not allowed in the current state (names it and the allowed commands), or changed concurrently";
    static final String ILLEGAL_TRANSITION = """
            {"type":"https://itsm.dev/problems/illegal-transition","title":"Command not allowed in the current state","status":409,\
            "detail":"Cannot close request in state IN_FULFILMENT; allowed: request-info, cancel",\
            "instance":"/api/v1/requests/2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182/close","currentState":"IN_FULFILMENT",\
            "command":"close","allowedCommands":["request-info","cancel"]}""";
    static final String SELF_APPROVAL = """
            {"type":"https://itsm.dev/problems/self-approval","title":"Self-approval is not allowed","status":403,\
            "detail":"bob requested this and cannot approve it",\
            "instance":"/api/v1/requests/2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182/approve","level":1}""";
    static final String INVALID_ANSWERS = """
            {"type":"https://itsm.dev/problems/invalid-answers","title":"The answers do not match the request form","status":422,\
            "detail":"1 answer does not match the offering's request form","instance":"/api/v1/requests",\
            "errors":[{"field":"/laptop/model","message":"does not have a value in the enumeration [\\"14-inch\\", \\"16-inch\\"]"}]}""";
    static final String SORT_RULE = "Sort by number, submittedAt, updatedAt, state: comma-separated, prefix - for descending, "
            + "default -submittedAt (newest first)";

    private final RequestService requests;
    private final RequestQueries queries;
    private final RequestAccess access;
    private final IdempotentCreate idempotent;
    private final ChangesFeed feed;

    RequestResource(RequestService requests, RequestQueries queries, RequestAccess access, IdempotentCreate idempotent,
            ChangesFeed feed) {
        this.requests = requests;
        this.queries = queries;
        this.access = access;
        this.idempotent = idempotent;
        this.feed = feed;
    }

    // ------------------------------------------------------------------ order, read, list

    @POST
    @RolesAllowed({ Roles.REQUESTER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "createServiceRequest", summary = "Order an offering", description = "The offering must be "
            + "PUBLISHED and the organisation must have a valid service relationship for it that lets requestedFor order; "
            + "answers are validated against the offering's request form (every violation in errors[] with its JSON "
            + "pointer). One item per offering component. With approval levels (the relationship's, the sponsor's budget "
            + "level when the offering has a cost) the request waits in AWAITING_APPROVAL; without, it is approved at once "
            + "and fulfilment starts (one task per item). Accepts Idempotency-Key.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateRequest.class),
            examples = @ExampleObject(name = "laptop-and-vpn", value = """
                    {"offeringId":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","organisationId":"1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
                     "requestedFor":"bob","answers":{"laptop":{"model":"14-inch","keyboard":"de-CH"},"vpn":{"profile":"engineering"}}}""")))
    @APIResponse(responseCode = "201", description = "Ordered (ETag and Location set)",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "422", description = "Not orderable: unknown-offering, offering-not-published, "
            + "unknown-organisation, organisation-inactive, no-valid-relationship, not-an-orderer, not-allowed-to-order-for, "
            + "invalid-answers, no-eligible-approver; or Idempotency-Key reused with another body",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid-answers", value = INVALID_ANSWERS)))
    public Response create(@NotNull @Valid CreateRequest request,
            @Parameter(description = "Makes retries safe: a replay returns the first response")
            @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey,
            @Context SecurityContext security) {
        Caller caller = Caller.of(security);
        return idempotent.create("requests", idempotencyKey, request, () -> {
            Request r = requests.create(request.offeringId(), request.organisationId(), request.requestedFor(),
                    request.answers(), caller);
            return new IdempotentCreate.Created(URI.create(BASE + r.id()), RequestView.of(r), r.version());
        });
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN,
            Roles.INTEGRATION_ADMIN, Roles.PROBLEM_MANAGER, Roles.REQUESTER, Roles.ADMIN })
    @Operation(operationId = "getServiceRequest", summary = "Get a request", description = "The ETag is its version. "
            + "Readers, agents and admins read every request; anyone else only those naming them (requestedBy, "
            + "requestedFor, an approver) or of organisations where they are CUSTOMER — any other id is 404")
    @APIResponse(responseCode = "200", description = "The request", content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response get(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Context SecurityContext security) {
        return ok(requests.get(id, Caller.of(security)));
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN,
            Roles.INTEGRATION_ADMIN, Roles.PROBLEM_MANAGER, Roles.REQUESTER, Roles.ADMIN })
    @Operation(operationId = "listServiceRequests", summary = "List requests", description = "Filters combine with AND. "
            + "Readers, agents and admins see every request, anyone else only those naming them or of organisations "
            + "where they are CUSTOMER (filtered in the query, so pages and counts are theirs). " + SORT_RULE)
    @APIResponse(responseCode = "200", description = "One page of requests (Link header with next)",
            content = @Content(schema = @Schema(implementation = RequestPage.class)))
    public Response list(
            @Parameter(description = "Only these states (repeat the parameter, or comma-separate the values)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RequestState.class),
                    examples = @ExampleObject(name = "open", value = "[\"AWAITING_APPROVAL\",\"IN_FULFILMENT\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = "Requests of this offering", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("offeringId") String offeringId,
            @Parameter(description = "Requests of this consumer organisation", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("organisationId") String organisationId,
            @Parameter(description = "Requests for this person (token subject)", example = "bob") @QueryParam("requestedFor") String requestedFor,
            @Parameter(description = "A substring of the offering name (any case), or the request number", example = "laptop") @QueryParam("q") String text,
            @Parameter(description = SORT_RULE, example = "-submittedAt") @QueryParam("sort") String sort,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Context UriInfo uri, @Context SecurityContext security) {
        Caller caller = Caller.of(security);
        RequestFilter filter = new RequestFilter(QueryParams.enumValues("state", state, RequestState.class),
                QueryParams.uuid("offeringId", offeringId), QueryParams.uuid("organisationId", organisationId),
                QueryParams.text(requestedFor), QueryParams.text(text), caller, access.customerOf(caller));
        ChangesFeed.Window window = feed.window(updatedSince);
        if (window != null && QueryParams.text(sort) != null) {
            throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order");
        }
        Sort order = sort == null || sort.isBlank() ? null : Sort.parse(sort, RequestQueries.SORTABLE, RequestQueries.DEFAULT_SORT);
        Page<Request> found = queries.list(filter, order, QueryParams.page(page, size, cursor, count, text), window);
        return Paging.ok(found.map(RequestView::of), uri);
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN,
            Roles.INTEGRATION_ADMIN, Roles.PROBLEM_MANAGER, Roles.REQUESTER, Roles.ADMIN })
    @Operation(operationId = "listServiceRequestHistory", summary = "Full history of a request", description = "Who did what when, old → new values, oldest first")
    @APIResponse(responseCode = "200", description = "One page of history entries", content = @Content(schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response history(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Context UriInfo uri, @Context SecurityContext security) {
        return Paging.ok(requests.history(id, Caller.of(security), QueryParams.page(page, size)), uri);
    }

    // ------------------------------------------------------------------ approvals

    @POST
    @Path("{id}/approve")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN,
            Roles.INTEGRATION_ADMIN, Roles.PROBLEM_MANAGER, Roles.REQUESTER, Roles.ADMIN })
    @Operation(operationId = "approveServiceRequest", summary = "Approve the open level", description = "The caller must be "
            + "an approver of the open level and not the requester (403). The level passes by its rule (ANY, ALL, QUORUM); "
            + "the next opens (RequestApprovalRequested), or after the last the request is APPROVED and fulfilment starts.")
    @RequestBody(content = @Content(schema = @Schema(implementation = CommentRequest.class),
            examples = @ExampleObject(name = "approve", value = "{\"comment\":\"Within the team's budget\"}")))
    @APIResponse(responseCode = "200", description = "Decision recorded", content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "403", description = "Self-approval, or not an approver of the open level",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "self-approval", value = SELF_APPROVAL)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT + "; or the approver already decided at this level",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response approve(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Valid CommentRequest body, @Context SecurityContext security) {
        return ok(requests.approve(id, ifMatch, Caller.of(security), body == null ? null : body.comment()));
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.CATALOG_ADMIN, Roles.SLA_ADMIN,
            Roles.INTEGRATION_ADMIN, Roles.PROBLEM_MANAGER, Roles.REQUESTER, Roles.ADMIN })
    @Operation(operationId = "rejectServiceRequest", summary = "Reject the request (→ REJECTED)", description = "The caller must be "
            + "an approver of the open level. One rejection rejects the request; its items are canceled.")
    @RequestBody(content = @Content(schema = @Schema(implementation = CommentRequest.class),
            examples = @ExampleObject(name = "reject", value = "{\"comment\":\"Use the pool laptop instead\"}")))
    @APIResponse(responseCode = "200", description = "Rejected", content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "403", description = "Not an approver of the open level")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response reject(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Valid CommentRequest body, @Context SecurityContext security) {
        return ok(requests.reject(id, ifMatch, Caller.of(security), body == null ? null : body.comment()));
    }

    // ------------------------------------------------------------------ the requester

    @POST
    @Path("{id}/request-info")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "requestServiceRequestInfo", summary = "Ask the requester a question", description = "AWAITING_APPROVAL "
            + "or IN_FULFILMENT: the request waits for its requester (awaitingRequester, RequestInfoRequested; an SLA "
            + "clock pauses) until provide-info")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = QuestionRequest.class),
            examples = @ExampleObject(name = "question", value = "{\"question\":\"Which building should the laptop be delivered to?\"}")))
    @APIResponse(responseCode = "200", description = "Waiting for the requester", content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response requestInfo(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid QuestionRequest body, @Context SecurityContext security) {
        return ok(requests.requestInfo(id, ifMatch, Caller.of(security), body.question()));
    }

    @POST
    @Path("{id}/provide-info")
    @RolesAllowed({ Roles.REQUESTER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "provideServiceRequestInfo", summary = "Answer the pending question", description = "The "
            + "requester side (requestedBy, requestedFor, a CUSTOMER of the organisation, or an agent); RequestInfoProvided. "
            + "The answer is kept in the history, not published.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AnswerRequest.class),
            examples = @ExampleObject(name = "answer", value = "{\"answer\":\"Building B, 3rd floor reception\"}")))
    @APIResponse(responseCode = "200", description = "Answered", content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response provideInfo(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid AnswerRequest body, @Context SecurityContext security) {
        return ok(requests.provideInfo(id, ifMatch, Caller.of(security), body.answer()));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({ Roles.REQUESTER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "cancelServiceRequest", summary = "Cancel the request (→ CANCELED)", description = "Before it "
            + "is FULFILLED. Unfinished tasks and items are canceled; ACTIVE grants are revoked (REQUEST_CANCELED, "
            + "AccessRevoked each), then ServiceRequestCanceled.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "cancel", value = "{\"reason\":\"No longer needed\"}")))
    @APIResponse(responseCode = "200", description = "Canceled", content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response cancel(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ReasonRequest body, @Context SecurityContext security) {
        return ok(requests.cancel(id, ifMatch, Caller.of(security), body.reason()));
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.REQUESTER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "closeServiceRequest", summary = "Close a FULFILLED request (→ CLOSED)", description = "Also "
            + "happens by itself request.auto-close-after (default P5D) after fulfilment")
    @APIResponse(responseCode = "200", description = "Closed", content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response close(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(requests.close(id, ifMatch, Caller.of(security)));
    }

    // ------------------------------------------------------------------ the request's grants

    @GET
    @Path("{id}/grants")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.REQUESTER, Roles.ADMIN })
    @Operation(operationId = "listServiceRequestGrants", summary = "Access grants of a request", description = "Soonest expiry first")
    @APIResponse(responseCode = "200", description = "One page of grants", content = @Content(schema = @Schema(implementation = GrantPage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response grants(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Context UriInfo uri, @Context SecurityContext security) {
        Request request = requests.get(id, Caller.of(security));
        return Paging.ok(queries.grants(null, null, null, request.id(), QueryParams.page(page, size, cursor, null))
                .map(GrantView::of), uri);
    }

    @POST
    @Path("{id}/grants/{grantId}/revoke")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "revokeServiceRequestGrant", summary = "Revoke an access grant early", description = "ACTIVE → "
            + "REVOKED (REVOKED_EARLY), AccessRevoked")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "revoke", value = "{\"reason\":\"Left the project\"}")))
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = GrantView.class)))
    @APIResponse(responseCode = "404", description = "No such request or grant")
    @APIResponse(responseCode = "409", description = "Revoked already, or changed concurrently")
    public Response revokeGrant(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "Grant id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("grantId") UUID grantId,
            @NotNull @Valid ReasonRequest body, @Context SecurityContext security) {
        return Response.ok(GrantView.of(requests.revokeGrant(id, grantId, Caller.of(security), body.reason()))).build();
    }

    // ------------------------------------------------------------------ mapping

    private static Response ok(Request r) {
        return Response.ok(RequestView.of(r)).tag(ETags.entityTag(r.version())).build();
    }

    /** OpenAPI shapes of the paged lists: the platform's {@link Page} with the item type named. */
    @Schema(name = "RequestPage")
    record RequestPage(
            @Schema(description = "The items of this page") List<RequestView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "1234") Long total,
            @Schema(description = TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = NEXT, example = NEXT_EXAMPLE) String next) {
    }

    @Schema(name = "RequestHistoryPage")
    record HistoryPage(
            @Schema(description = "The items of this page") List<HistoryEntryView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "12") Long total,
            @Schema(description = TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = NEXT, example = NEXT_EXAMPLE) String next) {
    }

    @Schema(name = "AccessGrantPage")
    public record GrantPage(
            @Schema(description = "The items of this page") List<GrantView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "3") Long total,
            @Schema(description = TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = NEXT, example = NEXT_EXAMPLE) String next) {
    }

    // the platform Page's field descriptions (annotations need constants)
    public static final String PAGE_NUMBER = "Zero-based page number; absent on a page reached by cursor";
    public static final String TOTAL = "Rows matching the query over all pages: exact when totalExact is true, otherwise a "
            + "lower bound (see the count parameter); absent when not counted";
    public static final String TOTAL_EXACT = "Whether total is exact (true) or a lower bound (false); absent with total";
    public static final String NEXT = "Cursor of the next page: send it back as ?cursor= (with the same filters). Absent on the last page";
    public static final String NEXT_EXAMPLE = "eyJvIjoiLXN1Ym1pdHRlZF9hdCIsImsiOlsiMjAyNi0xMi0wMVQxMDowMDowMFoiXX0";
}
