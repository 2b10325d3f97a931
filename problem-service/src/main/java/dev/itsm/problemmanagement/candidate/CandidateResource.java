package dev.itsm.problemmanagement.candidate;

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

import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.security.Roles;
import dev.itsm.problemmanagement.Problem;
import dev.itsm.problemmanagement.api.ProblemView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
 * Recurrence candidates: groups of recent incidents sharing a CI, a service or an upstream CI that no problem explains
 * yet. Agents (and problem managers) accept one — a problem is logged with its incidents — or dismiss it. Thin: maps
 * requests to {@link CandidateService}.
 */
@Path("/api/v1/problems/candidates")
@Tag(name = "Problem candidates", description = "Recurring incidents detected from the incident replica, waiting to become a problem or be dismissed")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CandidateResource {

    static final String PROBLEM = dev.itsm.platform.problem.Problem.MEDIA_TYPE;
    static final String ID = "Candidate id";
    static final String NOT_FOUND = "No such candidate";
    static final String ILLEGAL_TRANSITION = """
            {"type":"https://itsm.dev/problems/illegal-transition","title":"Command not allowed in the current state","status":409,\
            "detail":"Cannot accept problem candidate in state ACCEPTED; allowed: none (final state)",\
            "instance":"/api/v1/problems/candidates/5d6e7f80-9a1b-4c2d-8e3f-405162738495/accept","currentState":"ACCEPTED",\
            "command":"accept","allowedCommands":[]}""";
    static final String RULES = "A candidate groups the incidents opened within problem.candidates.window (default 7 days) "
            + "that are not canceled and not linked to a problem and share a CI (kind CI, threshold 3), a service (SERVICE, 5), "
            + "or a CI they depend on within problem.candidates.upstream-depth catalogue relations (UPSTREAM_CI, 3, on at "
            + "least two different CIs). At most one OPEN candidate per key; later incidents of the key join it. It expires "
            + "when its newest incident leaves the window.";

    private final CandidateService candidates;

    CandidateResource(CandidateService candidates) {
        this.candidates = candidates;
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listProblemCandidates", summary = "List recurrence candidates", description = "Newest first. " + RULES)
    @APIResponse(responseCode = "200", description = "One page of candidates (Link header with first/next)",
            content = @Content(schema = @Schema(implementation = CandidatePage.class)))
    public Response list(
            @Parameter(description = "Only these states (repeat the parameter, or comma-separate the values)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CandidateState.class),
                    examples = @ExampleObject(name = "open", value = "[\"OPEN\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = "Only these kinds (repeat the parameter, or comma-separate the values)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CandidateKind.class),
                    examples = @ExampleObject(name = "ci", value = "[\"CI\",\"UPSTREAM_CI\"]")) @QueryParam("kind") List<String> kind,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, at most 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Context UriInfo uri) {
        return Paging.ok(candidates.list(QueryParams.enumValues("state", state, CandidateState.class),
                QueryParams.enumValues("kind", kind, CandidateKind.class), QueryParams.page(page, size, cursor, count)), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getProblemCandidate", summary = "Get a recurrence candidate", description = "With its incidents "
            + "from the replica; while OPEN only those not linked to a problem. The ETag is its version")
    @APIResponse(responseCode = "200", description = "The candidate", content = @Content(schema = @Schema(implementation = CandidateView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response get(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        return ok(candidates.get(id));
    }

    @GET
    @Path("{id}/incidents")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listProblemCandidateIncidents", summary = "All incidents of a recurrence candidate",
            description = "Page by page, oldest first, as the replica knows them; while OPEN only those not linked to a "
                    + "problem. The candidate itself holds its first " + CandidateView.EMBEDDED + " only")
    @APIResponse(responseCode = "200", description = "One page of the candidate's incidents",
            content = @Content(schema = @Schema(implementation = CandidateIncidentPage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response incidents(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, at most 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Context UriInfo uri) {
        return Paging.ok(candidates.incidents(id, QueryParams.page(page, size)), uri);
    }

    @POST
    @Path("{id}/accept")
    @RolesAllowed({ Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "acceptProblemCandidate", summary = "Accept a candidate: log a problem with its incidents",
            description = "The problem is LOGGED with the candidate's incidents that are still unlinked (ProblemLogged naming "
                    + "the candidate and, in linkedIncidentIds, the incidents); the candidate becomes ACCEPTED. The body is optional: "
                    + "title defaults to 'Recurring incidents on <keyName>', impact and urgency to MEDIUM, services and CIs "
                    + "to those of the incidents (and the upstream CI of an UPSTREAM_CI candidate).")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = AcceptCandidateRequest.class),
            examples = @ExampleObject(name = "override", value = """
                    {"title":"Payment gateway drops connections under load","impact":"HIGH","urgency":"MEDIUM",
                     "assignmentGroup":"payments-3rd-line"}""")))
    @APIResponse(responseCode = "201", description = "The problem logged (Location and ETag are the problem's)",
            content = @Content(schema = @Schema(implementation = ProblemView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The candidate is not OPEN (names its state), or none of its incidents is left unlinked",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = dev.itsm.platform.problem.Problem.class),
                    examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    public Response accept(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Valid AcceptCandidateRequest request, @Context SecurityContext security) {
        Problem p = candidates.accept(id, request, actor(security));
        return Response.created(URI.create("/api/v1/problems/" + p.id())).entity(ProblemView.of(p))
                .tag(ETags.entityTag(p.version())).build();
    }

    @POST
    @Path("{id}/dismiss")
    @RolesAllowed({ Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "dismissProblemCandidate", summary = "Dismiss a candidate",
            description = "Its key (CI, service or upstream CI) gets no new candidate for one window (dismissedUntil), so the "
                    + "incidents that made it cannot bring it back.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DismissCandidateRequest.class),
            examples = @ExampleObject(name = "load-test", value = "{\"reason\":\"Planned load test on the gateway\"}")))
    @APIResponse(responseCode = "200", description = "Dismissed", content = @Content(schema = @Schema(implementation = CandidateView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The candidate is not OPEN (names its state)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = dev.itsm.platform.problem.Problem.class),
                    examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    public Response dismiss(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @NotNull @Valid DismissCandidateRequest request, @Context SecurityContext security) {
        return ok(candidates.dismiss(id, request.reason(), actor(security)));
    }

    private static Response ok(CandidateView view) {
        return Response.ok(view).tag(ETags.entityTag(view.version())).build();
    }

    private static String actor(SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }

    /** OpenAPI shape of the list: the platform's Page with the item type named. */
    @Schema(name = "ProblemCandidatePage")
    record CandidatePage(
            @Schema(description = "The items of this page") List<CandidateView> items,
            @Schema(description = "Zero-based page number; absent on a page reached by cursor", example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = "Rows matching the query over all pages: exact when totalExact is true, otherwise a lower "
                    + "bound (see the count parameter); absent when not counted", example = "12") Long total,
            @Schema(description = "Whether total is exact (true) or a lower bound (false); absent with total", example = "true") Boolean totalExact,
            @Schema(description = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
                    + "Absent on the last page", example = "eyJvIjoiLWRldGVjdGVkX2F0IiwiayI6WyIyMDI2LTEyLTAxVDEwOjAwOjAwWiJdfQ") String next) {
    }

    /** OpenAPI shape of a candidate's incidents: the platform's Page with the item type named. */
    @Schema(name = "ProblemCandidateIncidentPage")
    record CandidateIncidentPage(
            @Schema(description = "The items of this page") List<CandidateView.CandidateIncidentView> items,
            @Schema(description = "Zero-based page number", example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = "How many incidents the candidate has", example = "5118") Long total,
            @Schema(description = "Always true: the count is exact", example = "true") Boolean totalExact,
            @Schema(description = "Absent: pages are numbered (the Link header names the next one)", nullable = true) String next) {
    }
}
