package dev.itsm.problemmanagement;

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
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.platform.security.Roles;
import dev.itsm.problemmanagement.api.CreateProblemRequest;
import dev.itsm.problemmanagement.api.HistoryEntryView;
import dev.itsm.problemmanagement.api.KnownErrorRequest;
import dev.itsm.problemmanagement.api.LinkChangeRequest;
import dev.itsm.problemmanagement.api.LinkIncidentRequest;
import dev.itsm.problemmanagement.api.LinkedChangeView;
import dev.itsm.problemmanagement.api.LinkedIncidentView;
import dev.itsm.problemmanagement.api.ProblemPatch;
import dev.itsm.problemmanagement.api.ProblemView;
import dev.itsm.problemmanagement.api.ProposeFixRequest;
import dev.itsm.problemmanagement.api.ReasonRequest;
import dev.itsm.problemmanagement.api.RootCauseRequest;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * Problems: log, read, list, edit (merge patch), lifecycle commands, links to incidents and changes,
 * history. Thin: it maps requests to {@link ProblemService} calls and problems to {@link ProblemView}s.
 * Agents log problems, edit them, start the analysis and link incidents and related changes; root
 * cause, known error, fix, resolution, reopening, closure and cancelation need a problem manager.
 */
@Path("/api/v1/problems")
@Tag(name = "Problems", description = "Problem management: find and remove the causes of incidents, record known errors and their workarounds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProblemResource {

    static final String PROBLEM = dev.itsm.platform.problem.Problem.MEDIA_TYPE;
    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String BASE = "/api/v1/problems/";

    static final String NOT_FOUND = "No such problem";
    static final String STALE = "If-Match does not match the current version";
    static final String IF_MATCH = "The ETag of the last read (\"<version>\"); a different version is 412. A weak tag (W/\"…\") never matches";
    static final String ID = "Problem id";
    static final String CONFLICT = "Not allowed in the current state (names it and the allowed commands), or changed concurrently";
    static final String ILLEGAL_TRANSITION = """
            {"type":"https://itsm.dev/problems/illegal-transition","title":"Command not allowed in the current state","status":409,\
            "detail":"Cannot record-root-cause problem in state LOGGED; allowed: start-analysis, cancel, update, link-incident, link-change",\
            "instance":"/api/v1/problems/2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182/record-root-cause","currentState":"LOGGED",\
            "command":"record-root-cause","allowedCommands":["start-analysis","cancel","update","link-incident","link-change"]}""";
    static final String UNKNOWN_INCIDENT = """
            {"type":"https://itsm.dev/problems/unknown-incident","title":"Unknown incident","status":422,\
            "detail":"Incident 7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11 is not known to problem-service (the replica is fed by events and may lag behind by a moment: retry shortly)",\
            "instance":"/api/v1/problems","incidentId":"7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11"}""";
    static final String STATES = "Only these states (repeat the parameter, or comma-separate the values)";
    static final String PRIORITIES = "Only these priorities (repeat the parameter, or comma-separate the values)";
    static final String SERVICE_EXAMPLE = "3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01";
    static final String SIZE = "Page size, at most 500";
    static final String SORT_RULE = "Sort by number, loggedAt, updatedAt, priority, state, title: comma-separated, prefix - for "
            + "descending, default -loggedAt (newest first). priority runs P1..P5, so sort=priority lists the most urgent first. "
            + "Equal values are ordered by loggedAt, then id, in the direction of the last field.";
    static final String TEXT = "Words in the title or description (a substring, any case), or the problem number";

    private final ProblemService problems;
    private final ProblemQueries queries;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;
    private final ChangesFeed feed;

    ProblemResource(ProblemService problems, ProblemQueries queries, IdempotentCreate idempotent, MergePatch mergePatch,
            ChangesFeed feed) {
        this.problems = problems;
        this.queries = queries;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
        this.feed = feed;
    }

    // ------------------------------------------------------------------ log, read, list, edit

    @POST
    @RolesAllowed({ Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "logProblem", summary = "Log a problem", description = "At least one affected service or CI; "
            + "the priority is computed from impact × urgency. incidentIds are linked at once: ProblemLogged names "
            + "them in linkedIncidentIds (no ProblemIncidentLinked for them). Accepts Idempotency-Key.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateProblemRequest.class),
            examples = @ExampleObject(name = "recurring-502", value = """
                    {"title":"Checkout intermittently fails with HTTP 502","description":"Three incidents this week",
                     "serviceIds":["3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01"],"ciIds":["9b2d4c6e-1a3f-4e5d-8c7b-0a1b2c3d4e5f"],
                     "impact":"HIGH","urgency":"MEDIUM","assignmentGroup":"payments-3rd-line",
                     "incidentIds":["7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11"]}""")))
    @APIResponse(responseCode = "201", description = "Logged (ETag and Location set)",
            content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "409", description = "An incident is already linked to another problem")
    @APIResponse(responseCode = "422", description = "An incident unknown to the replica, or Idempotency-Key reused with another body",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown-incident", value = UNKNOWN_INCIDENT)))
    public Response log(@NotNull @Valid CreateProblemRequest request,
            @Parameter(description = "Makes retries safe: a replay returns the first response")
            @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey,
            @Context SecurityContext security) {
        return idempotent.create("problems", idempotencyKey, request, () -> {
            dev.itsm.problemmanagement.Problem p = problems.log(request, actor(security));
            return new IdempotentCreate.Created(URI.create(BASE + p.id()), ProblemView.of(p), p.version());
        });
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getProblem", summary = "Get a problem", description = "The ETag is its version")
    @APIResponse(responseCode = "200", description = "The problem", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response get(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        return ok(problems.get(id));
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listProblems", summary = "List problems", description = "Filters combine with AND; state and "
            + "priority accept several values (comma-separated or repeated). " + SORT_RULE)
    @APIResponse(responseCode = "200", description = "One page of problems (Link header with first/prev/next/last)",
            content = @Content(schema = @Schema(implementation = ProblemPage.class)))
    public Response list(
            @Parameter(description = STATES, schema = @Schema(type = SchemaType.ARRAY, implementation = ProblemState.class),
                    examples = @ExampleObject(name = "open", value = "[\"LOGGED\",\"UNDER_ANALYSIS\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = PRIORITIES, schema = @Schema(type = SchemaType.ARRAY, implementation = Priority.class),
                    examples = @ExampleObject(name = "urgent", value = "[\"P1\",\"P2\"]")) @QueryParam("priority") List<String> priority,
            @Parameter(description = "Problems affecting this service", schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = SERVICE_EXAMPLE) @QueryParam("serviceId") String serviceId,
            @Parameter(description = "Problems affecting this configuration item", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("ciId") String ciId,
            @Parameter(example = "payments-3rd-line") @QueryParam("assignmentGroup") String assignmentGroup,
            @Parameter(example = "carol") @QueryParam("assignee") String assignee,
            @Parameter(description = TEXT, example = "checkout") @QueryParam("q") String text,
            @Parameter(description = SORT_RULE, example = "priority,-loggedAt") @QueryParam("sort") String sort,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Context UriInfo uri) {
        ProblemFilter filter = new ProblemFilter(
                QueryParams.enumValues("state", state, ProblemState.class),
                QueryParams.enumValues("priority", priority, Priority.class),
                QueryParams.uuid("serviceId", serviceId),
                QueryParams.uuid("ciId", ciId),
                QueryParams.text(assignmentGroup),
                QueryParams.text(assignee),
                QueryParams.text(text));
        ChangesFeed.Window window = feed.window(updatedSince);
        if (window != null && QueryParams.text(sort) != null) {
            throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order");
        }
        Sort order = sort == null || sort.isBlank() ? null : Sort.parse(sort, ProblemQueries.SORTABLE, ProblemQueries.DEFAULT_SORT);
        Page<dev.itsm.problemmanagement.Problem> found = queries.list(filter, order, QueryParams.page(page, size, cursor, count, text), window);
        return Paging.ok(found.map(ProblemView::of), uri);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "updateProblem", summary = "Edit problem fields (JSON merge patch)", description = "title, "
            + "description, serviceIds, ciIds, impact, urgency (recomputes the priority), assignmentGroup, assignee. State, "
            + "root cause, workaround and links change only through commands. Honours If-Match. Changed facts are "
            + "published as ProblemUpdated.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ProblemPatch.class),
                    examples = @ExampleObject(name = "raise-urgency", value = "{\"urgency\":\"HIGH\",\"assignee\":null}")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemPatch.class),
                    examples = @ExampleObject(name = "raise-urgency", value = "{\"urgency\":\"HIGH\",\"assignee\":null}")) })
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Problem is CLOSED/CANCELED, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response patch(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch, String body,
            @Context SecurityContext security) {
        return ok(problems.edit(id, ifMatch, actor(security), mergePatch.parse(body)));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listProblemHistory", summary = "Full history of a problem", description = "Who did what when, old → new values, oldest first")
    @APIResponse(responseCode = "200", description = "One page of history entries", content = @Content(schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response history(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Context UriInfo uri) {
        return Paging.ok(problems.history(id, QueryParams.page(page, size)), uri);
    }

    // ------------------------------------------------------------------ commands

    @POST
    @Path("{id}/start-analysis")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "startProblemAnalysis", summary = "Start the analysis of a LOGGED problem (→ UNDER_ANALYSIS)")
    @APIResponse(responseCode = "200", description = "Under analysis", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response startAnalysis(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch, @Context SecurityContext security) {
        return ok(problems.startAnalysis(id, ifMatch, actor(security)));
    }

    @POST
    @Path("{id}/record-root-cause")
    @RolesAllowed({ Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "recordProblemRootCause", summary = "Record the root cause (→ ROOT_CAUSE_KNOWN)", description = "From UNDER_ANALYSIS; "
            + "a workaround may come with it. Problem managers only.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RootCauseRequest.class),
            examples = @ExampleObject(name = "pool", value = "{\"category\":\"capacity\",\"analysis\":\"The gateway's connection pool is exhausted at peak\",\"workaround\":\"Restart the payment-gateway pods\"}")))
    @APIResponse(responseCode = "200", description = "Root cause known", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response recordRootCause(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid RootCauseRequest request, @Context SecurityContext security) {
        return ok(problems.recordRootCause(id, ifMatch, actor(security), request.category(), request.analysis(), request.workaround()));
    }

    @POST
    @Path("{id}/publish-known-error")
    @RolesAllowed({ Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "publishProblemKnownError", summary = "Publish (or revise) the known error (→ KNOWN_ERROR)",
            description = "From ROOT_CAUSE_KNOWN, or again in KNOWN_ERROR for a revision (same known error, revision + 1). "
                    + "KnownErrorPublished lets incident-service put the workaround on every open linked incident and show it "
                    + "on new incidents of the same service or CI. Problem managers only.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = KnownErrorRequest.class),
            examples = @ExampleObject(name = "publish", value = "{\"symptoms\":\"Checkout answers HTTP 502 after about 30 s\",\"workaround\":\"Restart the payment-gateway pods\"}")))
    @APIResponse(responseCode = "200", description = "Known error published", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response publishKnownError(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid KnownErrorRequest request, @Context SecurityContext security) {
        return ok(problems.publishKnownError(id, ifMatch, actor(security), request));
    }

    @POST
    @Path("{id}/propose-fix")
    @RolesAllowed({ Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "proposeProblemFix", summary = "Propose a change as the fix (→ FIX_IN_PROGRESS)", description = "From KNOWN_ERROR; "
            + "the change must be known to the change replica. The problem then follows the change: implemented → "
            + "FIX_VERIFICATION (at once if it is implemented already), canceled or rejected → back to KNOWN_ERROR. Problem managers only.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ProposeFixRequest.class),
            examples = @ExampleObject(name = "fix", value = "{\"changeId\":\"5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d\"}")))
    @APIResponse(responseCode = "200", description = "Fix in progress", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    @APIResponse(responseCode = "422", description = "The change is unknown to the replica, or canceled or rejected")
    public Response proposeFix(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ProposeFixRequest request, @Context SecurityContext security) {
        return ok(problems.proposeFix(id, ifMatch, actor(security), request.changeId()));
    }

    @POST
    @Path("{id}/resolve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "resolveProblem", summary = "Resolve: the fix is implemented (→ FIX_VERIFICATION)", description = "From FIX_IN_PROGRESS "
            + "once the fix change is implemented (409 fix-not-implemented before); happens by itself on ChangeImplemented. "
            + "The problem then observes problem.fix-verification.period for a recurrence. Problem managers only.")
    @APIResponse(responseCode = "200", description = "Fix verification started", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT + "; or the fix change is not implemented yet",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response resolve(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch, @Context SecurityContext security) {
        return ok(problems.resolve(id, ifMatch, actor(security)));
    }

    @POST
    @Path("{id}/reopen")
    @RolesAllowed({ Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "reopenProblem", summary = "Reopen during fix verification: the fix did not hold (→ KNOWN_ERROR)",
            description = "Also happens by itself when a matching incident is opened during the verification. Problem managers only.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "recurred", value = "{\"reason\":\"The error is back after the fix\"}")))
    @APIResponse(responseCode = "200", description = "Reopened", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response reopen(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ReasonRequest request, @Context SecurityContext security) {
        return ok(problems.reopen(id, ifMatch, actor(security), request.reason()));
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "closeProblem", summary = "Close during fix verification, before the period ends (→ CLOSED, final)",
            description = "Happens by itself when the verification period ends with no recurrence (ProblemFixVerified, then "
                    + "ProblemClosed). The known error is retired. Problem managers only.")
    @APIResponse(responseCode = "200", description = "Closed", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response close(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch, @Context SecurityContext security) {
        return ok(problems.close(id, ifMatch, actor(security)));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({ Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "cancelProblem", summary = "Cancel a problem (→ CANCELED, final)", description = "From any state but "
            + "CLOSED and CANCELED; the known error, if any, is retired. Problem managers only.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "duplicate", value = "{\"reason\":\"Duplicate of PRB0001001\"}")))
    @APIResponse(responseCode = "200", description = "Canceled", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response cancel(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ReasonRequest request, @Context SecurityContext security) {
        return ok(problems.cancel(id, ifMatch, actor(security), request.reason()));
    }

    // ------------------------------------------------------------------ links

    @GET
    @Path("{id}/incidents")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listProblemIncidents", summary = "Incidents linked to a problem", description = "Oldest link first, "
            + "each with its state as the incident replica knows it")
    @APIResponse(responseCode = "200", description = "One page of linked incidents", content = @Content(schema = @Schema(implementation = IncidentLinkPage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response incidents(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Context UriInfo uri) {
        PageRequest pageRequest = QueryParams.page(page, size);
        return Paging.ok(queries.incidents(problems.get(id).id(), pageRequest), uri);
    }

    @POST
    @Path("{id}/incidents")
    @RolesAllowed({ Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "linkProblemIncident", summary = "Link an incident to a problem", description = "The incident must be "
            + "known to the incident replica and not linked to another problem (an incident belongs to one problem at most); "
            + "linking it again changes nothing. Publishes ProblemIncidentLinked.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LinkIncidentRequest.class),
            examples = @ExampleObject(name = "link", value = "{\"incidentId\":\"7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11\"}")))
    @APIResponse(responseCode = "200", description = "Linked", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The incident is linked to another problem, the problem is closed or canceled, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    @APIResponse(responseCode = "422", description = "The incident is unknown to the replica",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown-incident", value = UNKNOWN_INCIDENT)))
    public Response linkIncident(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid LinkIncidentRequest request, @Context SecurityContext security) {
        return ok(problems.linkIncident(id, ifMatch, actor(security), request.incidentId()));
    }

    @DELETE
    @Path("{id}/incidents/{incidentId}")
    @RolesAllowed({ Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "unlinkProblemIncident", summary = "Unlink an incident from a problem", description = "Publishes ProblemIncidentUnlinked")
    @APIResponse(responseCode = "200", description = "Unlinked", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = "No such problem, or the incident is not linked to it")
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response unlinkIncident(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("incidentId") UUID incidentId,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch, @Context SecurityContext security) {
        return ok(problems.unlinkIncident(id, ifMatch, actor(security), incidentId));
    }

    @GET
    @Path("{id}/changes")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listProblemChanges", summary = "Changes linked to a problem", description = "The fix (relation FIX, "
            + "also after it was abandoned) and related changes, oldest link first, each with its state as the change replica knows it")
    @APIResponse(responseCode = "200", description = "One page of linked changes", content = @Content(schema = @Schema(implementation = ChangeLinkPage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response changes(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Context UriInfo uri) {
        return Paging.ok(slice(queries.changes(problems.get(id)), QueryParams.page(page, size)), uri);
    }

    @POST
    @Path("{id}/changes")
    @RolesAllowed({ Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "linkProblemChange", summary = "Link a related change to a problem", description = "relation RELATED "
            + "(the fix is proposed with propose-fix); the change must be known to the change replica; linking it again "
            + "changes nothing. Publishes ProblemChangeLinked.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LinkChangeRequest.class),
            examples = @ExampleObject(name = "related", value = "{\"changeId\":\"5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d\",\"relation\":\"RELATED\"}")))
    @APIResponse(responseCode = "200", description = "Linked", content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    @APIResponse(responseCode = "422", description = "The change is unknown to the replica")
    public Response linkChange(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid LinkChangeRequest request, @Context SecurityContext security) {
        if (request.relation() == ChangeRelation.FIX) {
            throw new ValidationException("relation", "a fix is proposed with POST /api/v1/problems/{id}/propose-fix; link RELATED here");
        }
        return ok(problems.linkChange(id, ifMatch, actor(security), request.changeId()));
    }

    // ------------------------------------------------------------------ mapping

    private static Response ok(dev.itsm.problemmanagement.Problem p) {
        return Response.ok(ProblemView.of(p)).tag(ETags.entityTag(p.version())).build();
    }

    /** A page of a small, complete list (a problem's links), by page number. */
    private static <T> Page<T> slice(List<T> all, PageRequest page) {
        int from = (int) Math.min(all.size(), page.offset());
        int to = Math.min(all.size(), from + page.size());
        return new Page<>(List.copyOf(all.subList(from, to)), page.page(), page.size(), all.size());
    }

    static String actor(SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }

    /** OpenAPI shapes of the paged lists: the platform's {@link Page} with the item type named. */
    @Schema(name = "ProblemPage")
    record ProblemPage(
            @Schema(description = "The items of this page") List<ProblemView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "1234") Long total,
            @Schema(description = TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = NEXT, example = NEXT_EXAMPLE) String next) {
    }

    @Schema(name = "ProblemHistoryPage")
    record HistoryPage(
            @Schema(description = "The items of this page") List<HistoryEntryView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "1234") Long total,
            @Schema(description = TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = NEXT, example = NEXT_EXAMPLE) String next) {
    }

    @Schema(name = "ProblemIncidentPage")
    record IncidentLinkPage(
            @Schema(description = "The items of this page") List<LinkedIncidentView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "3") Long total,
            @Schema(description = TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = NEXT, example = NEXT_EXAMPLE) String next) {
    }

    @Schema(name = "ProblemChangePage")
    record ChangeLinkPage(
            @Schema(description = "The items of this page") List<LinkedChangeView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "2") Long total,
            @Schema(description = TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = NEXT, example = NEXT_EXAMPLE) String next) {
    }

    // the platform Page's field descriptions (annotations need constants)
    static final String PAGE_NUMBER = "Zero-based page number; absent on a page reached by cursor";
    static final String TOTAL = "Rows matching the query over all pages: exact when totalExact is true, otherwise a lower "
            + "bound (see the count parameter); absent when not counted";
    static final String TOTAL_EXACT = "Whether total is exact (true) or a lower bound (false); absent with total";
    static final String NEXT = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
            + "Absent on the last page";
    static final String NEXT_EXAMPLE = "eyJvIjoiLWxvZ2dlZF9hdCIsImsiOlsiMjAyNi0xMi0wMVQxMDowMDowMFoiXX0";
}
