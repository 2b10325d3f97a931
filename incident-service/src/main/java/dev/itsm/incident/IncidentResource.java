package dev.itsm.incident;

import java.net.URI;
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

import dev.itsm.incident.api.AssignRequest;
import dev.itsm.incident.api.CreateIncidentRequest;
import dev.itsm.incident.api.HistoryEntryView;
import dev.itsm.incident.api.HoldRequest;
import dev.itsm.incident.api.IncidentPatch;
import dev.itsm.incident.api.IncidentSummary;
import dev.itsm.incident.api.IncidentView;
import dev.itsm.incident.api.KnownErrorMatchView;
import dev.itsm.incident.api.NoteRequest;
import dev.itsm.incident.api.NoteView;
import dev.itsm.incident.api.ReasonRequest;
import dev.itsm.incident.api.ResolveRequest;
import dev.itsm.incident.api.SlaTimerView;
import dev.itsm.incident.knownerror.KnownErrorMatch;
import dev.itsm.incident.knownerror.KnownErrorMatcher;
import dev.itsm.incident.sla.SlaTimerReplica;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * Incidents: create, read, list, edit (merge patch), lifecycle commands, notes, history. Thin: it
 * maps requests to {@link IncidentService} calls and incidents to {@link IncidentView}s.
 */
@Path("/api/v1/incidents")
@Tag(name = "Incidents", description = "Incident management: restore normal service operation as quickly as possible")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentResource {

    static final String PROBLEM = Problem.MEDIA_TYPE;
    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String BASE = "/api/v1/incidents/";

    // Documentation: the platform adds the problem+json schema and a generic example to every error
    // response; these are the incident-specific ones.
    static final String NOT_FOUND = "No such incident";
    static final String STALE = "If-Match does not match the current version";
    static final String ILLEGAL_TRANSITION = """
            {"type":"https://itsm.dev/problems/illegal-transition","title":"Command not allowed in the current state","status":409,\
            "detail":"Cannot resume incident in state IN_PROGRESS; allowed: assign, hold, resolve, cancel, declare-major, update",\
            "instance":"/api/v1/incidents/7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11/resume","currentState":"IN_PROGRESS","command":"resume",\
            "allowedCommands":["assign","hold","resolve","cancel","declare-major","update"]}""";
    static final String SERVICE_NOT_LIVE = """
            {"type":"https://itsm.dev/problems/service-not-live","title":"Service is not live","status":422,\
            "detail":"Service 'Online Shop' (3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01) is RETIRED; incidents can be opened only against LIVE services",\
            "instance":"/api/v1/incidents","serviceId":"3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01","serviceName":"Online Shop","serviceStatus":"RETIRED"}""";

    static final String IF_MATCH = "The ETag of the last read (\"<version>\"); a different version is 412. A weak tag (W/\"…\") never matches";
    static final String STATES = "Only these states (repeat the parameter, or comma-separate the values)";
    static final String PRIORITIES = "Only these priorities (repeat the parameter, or comma-separate the values)";
    static final String MAJOR = "Only major (true) or only non-major (false) incidents";
    static final String OPENED_FROM = "Opened at or after (ISO-8601 instant)";
    static final String OPENED_TO = "Opened before (ISO-8601 instant)";
    static final String SOURCE = "Only incidents opened this way: API (by an agent or integration) or MONITORING (by "
            + "an alert group of monitoring-service)";
    static final String ALERT_GROUP = "Only the incidents of this monitoring-service alert group";
    static final String ALERT_GROUP_EXAMPLE = "9b2d4f6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e";
    static final String PAGE = "Page number, from 0";
    static final String SIZE = "Page size, at most 500";
    static final String SERVICE_EXAMPLE = "3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01";

    /** How the list sorts (docs/API-VOCABULARY.md: sorting follows the field's value). */
    static final String SORT_RULE = "Sort by number, openedAt, updatedAt, priority, state, title, assignee: comma-separated, "
            + "prefix - for descending, default -openedAt. Sorting follows the field's value and priority runs P1..P5, "
            + "so sort=priority lists the most urgent (P1) first and sort=-priority the least urgent first; "
            + "priority,-openedAt is the most urgent first, newest first within a priority. Equal values are ordered by "
            + "openedAt, then id, in the direction of the last field.";

    /** Relevance is paged by cursor too (IncidentQueries.byRelevance). */
    static final String RELEVANCE_PAGED = "Every order is paged by cursor, relevance (q without sort) included: its cursor "
            + "continues the part of the order it came from (number and title matches, then the others)";

    /** Where the summary's counts come from (IncidentCounters, IncidentQueries.summary). */
    static final String SUMMARY_SOURCE = "Without filters, or filtered only by serviceId, state and/or priority, the counts "
            + "come from counters kept in the transaction of every change (exact, and as fast for a million incidents as "
            + "for ten); any other filter (assignmentGroup, assignee, major, openedFrom, openedTo, source, alertGroupId) counts the matching "
            + "incidents, which takes longer the more incidents match.";

    /** What q= finds (full-text search: the platform's search.TextSearchFunctions, V5__incident_search.sql). */
    static final String TEXT_SEARCH = "Full-text search over number, title and description: whole words, any case, no prefix "
            + "or substring match (\"check\" does not find \"checkout\"); every word must occur, \"quoted words\" as a phrase, "
            + "or between alternatives, -word excludes; an incident number (INC0001001, or its digits 1001) finds that incident. "
            + "Ordering: with q and no sort, the order is relevance: first the incidents whose number or title hold all "
            + "the words, then the other matches (words in the description), each newest first; an explicit sort wins.";

    private final IncidentService incidents;
    private final IncidentQueries queries;
    private final IdempotentCreate idempotent;
    private final MergePatch mergePatch;
    private final ChangesFeed feed;
    private final KnownErrorMatcher knownErrors;

    IncidentResource(IncidentService incidents, IncidentQueries queries, IdempotentCreate idempotent,
            MergePatch mergePatch, ChangesFeed feed, KnownErrorMatcher knownErrors) {
        this.incidents = incidents;
        this.queries = queries;
        this.idempotent = idempotent;
        this.mergePatch = mergePatch;
        this.feed = feed;
        this.knownErrors = knownErrors;
    }

    // ------------------------------------------------------------------ create, read, list

    @POST
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "openIncident", summary = "Open an incident", description = "The affected service must be LIVE in the local catalogue "
            + "replica; the priority is computed from impact × urgency. Accepts Idempotency-Key.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateIncidentRequest.class),
            examples = @ExampleObject(name = "checkout", value = """
                    {"title":"Checkout fails with HTTP 502","description":"Every checkout attempt since 09:10",
                     "caller":"jane.doe@example.com","serviceId":"3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01",
                     "category":"software","impact":"HIGH","urgency":"MEDIUM","assignmentGroup":"payments-2nd-line"}""")))
    @APIResponse(responseCode = "201", description = "Opened (ETag and Location set)",
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "422", description = "Service unknown or not LIVE, CI unknown, parent not an open major incident, or Idempotency-Key reused with another body",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "service-not-live", value = SERVICE_NOT_LIVE)))
    public Response open(@NotNull @Valid CreateIncidentRequest request,
            @Parameter(description = "Makes retries safe: a replay returns the first response")
            @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey,
            @Context SecurityContext security) {
        return idempotent.create("incidents", idempotencyKey, request, () -> {
            IncidentService.Opened opened = incidents.open(new Incident.Opening(request.title(), request.description(), request.caller(),
                    request.serviceId(), request.ciId(), request.category(), request.impact(), request.urgency(),
                    request.assignmentGroup(), request.assignee(), request.parentIncidentId(), request.linkedChangeIds()),
                    actor(security));
            Incident i = opened.incident();
            return new IdempotentCreate.Created(URI.create(BASE + i.id()), openedView(opened), i.version());
        });
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "getIncident", summary = "Get an incident", description = "With its SLA timers (sla[], one per agreement × metric, filled in asynchronously by the sla-service) "
            + "and the ACTIVE known errors matching its CI or service (knownErrors[], from problem-service); the ETag is its version")
    @APIResponse(responseCode = "200", description = "The incident",
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response get(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        return ok(incidents.get(id));
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "listIncidents", summary = "List incidents", description = "Filters combine with AND; state and priority accept several "
            + "values (comma-separated or repeated). " + SORT_RULE)
    @APIResponse(responseCode = "200", description = "One page of incidents (Link header with first/prev/next/last)",
            content = @Content(schema = @Schema(implementation = IncidentPage.class)))
    public Response list(
            @Parameter(description = STATES, schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentState.class),
                    examples = @ExampleObject(name = "open", value = "[\"NEW\",\"IN_PROGRESS\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = PRIORITIES, schema = @Schema(type = SchemaType.ARRAY, implementation = Priority.class),
                    examples = @ExampleObject(name = "urgent", value = "[\"P1\",\"P2\"]")) @QueryParam("priority") List<String> priority,
            @Parameter(description = "Affected service id", schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = SERVICE_EXAMPLE) @QueryParam("serviceId") String serviceId,
            @Parameter(example = "payments-2nd-line") @QueryParam("assignmentGroup") String assignmentGroup,
            @Parameter(example = "bob") @QueryParam("assignee") String assignee,
            @Parameter(description = MAJOR, schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("major") String major,
            @Parameter(description = "Children of this major incident", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("parentIncidentId") String parent,
            @Parameter(description = OPENED_FROM, schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-11-01T00:00:00Z") @QueryParam("openedFrom") String openedFrom,
            @Parameter(description = OPENED_TO, schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-12-01T00:00:00Z") @QueryParam("openedTo") String openedTo,
            @Parameter(description = TEXT_SEARCH, example = "checkout fails") @QueryParam("q") String text,
            @Parameter(description = SOURCE, schema = @Schema(implementation = IncidentSource.class)) @QueryParam("source") String source,
            @Parameter(description = ALERT_GROUP, schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = ALERT_GROUP_EXAMPLE) @QueryParam("alertGroupId") String alertGroupId,
            @Parameter(description = SORT_RULE, example = "priority,-openedAt") @QueryParam("sort") String sort,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR + ". " + RELEVANCE_PAGED) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Context UriInfo uri) {
        IncidentFilter filter = filter(state, priority, serviceId, assignmentGroup, assignee, major, parent, openedFrom,
                openedTo, text, source, alertGroupId);
        ChangesFeed.Window window = feed.window(updatedSince);
        if (window != null && QueryParams.text(sort) != null) {
            throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order");
        }
        // no field named: null, so that a text search orders by relevance (IncidentQueries.byRelevance)
        Sort order = sort == null || sort.isBlank() ? null
                : Sort.parse(sort, IncidentQueries.SORTABLE, IncidentQueries.DEFAULT_SORT);
        Page<Incident> found = queries.list(filter, order, QueryParams.page(page, size, cursor, count, text), window);
        return Paging.ok(views(found), uri);
    }

    @GET
    @Path("summary")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "summarizeIncidents", summary = "Count incidents by state and priority", description = "For dashboards; same filters as the list. "
            + SUMMARY_SOURCE)
    @APIResponse(responseCode = "200", description = "Counts",
            content = @Content(schema = @Schema(implementation = IncidentSummary.class)))
    public IncidentSummary summary(
            @Parameter(description = STATES, schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentState.class),
                    examples = @ExampleObject(name = "open", value = "[\"NEW\",\"IN_PROGRESS\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = PRIORITIES, schema = @Schema(type = SchemaType.ARRAY, implementation = Priority.class),
                    examples = @ExampleObject(name = "urgent", value = "[\"P1\",\"P2\"]")) @QueryParam("priority") List<String> priority,
            @Parameter(description = "Affected service id", schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = SERVICE_EXAMPLE) @QueryParam("serviceId") String serviceId,
            @Parameter(example = "payments-2nd-line") @QueryParam("assignmentGroup") String assignmentGroup,
            @Parameter(example = "bob") @QueryParam("assignee") String assignee,
            @Parameter(description = MAJOR, schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("major") String major,
            @Parameter(description = OPENED_FROM, schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-11-01T00:00:00Z") @QueryParam("openedFrom") String openedFrom,
            @Parameter(description = OPENED_TO, schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-12-01T00:00:00Z") @QueryParam("openedTo") String openedTo,
            @Parameter(description = SOURCE, schema = @Schema(implementation = IncidentSource.class)) @QueryParam("source") String source,
            @Parameter(description = ALERT_GROUP, schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = ALERT_GROUP_EXAMPLE) @QueryParam("alertGroupId") String alertGroupId) {
        return queries.summary(filter(state, priority, serviceId, assignmentGroup, assignee, major, null, openedFrom,
                openedTo, null, source, alertGroupId));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "updateIncident", summary = "Edit incident fields (JSON merge patch)", description = "title, description, category, impact, "
            + "urgency (recomputes the priority), ciId, linkedChangeIds, parentIncidentId. State and assignment change "
            + "only through commands. Honours If-Match. Changed facts are published as IncidentUpdated (and a changed "
            + "priority first as IncidentPriorityChanged).")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = IncidentPatch.class),
                    examples = @ExampleObject(name = "raise-urgency", value = "{\"urgency\":\"HIGH\",\"category\":null}")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentPatch.class),
                    examples = @ExampleObject(name = "raise-urgency", value = "{\"urgency\":\"HIGH\",\"category\":null}")) })
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Incident is RESOLVED/CLOSED/CANCELED, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    @APIResponse(responseCode = "422", description = "Unknown CI or invalid parent incident")
    public Response patch(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch, String body,
            @Context SecurityContext security) {
        return ok(incidents.edit(id, ifMatch, actor(security), mergePatch.parse(body)));
    }

    // ------------------------------------------------------------------ commands

    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "acknowledgeIncident", summary = "Acknowledge a NEW incident (→ IN_PROGRESS)")
    @APIResponse(responseCode = "200", description = "Acknowledged", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not allowed in the current state (names it and the allowed commands), or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response acknowledge(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(incidents.acknowledge(id, ifMatch, actor(security)));
    }

    @POST
    @Path("{id}/assign")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "assignIncident", summary = "Assign to a group and/or person", description = "A field left out "
            + "stays as it is, null clears it; the incident stays assigned to a group or a person. Assigning a NEW incident "
            + "also acknowledges it (→ IN_PROGRESS).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AssignRequest.class),
            examples = { @ExampleObject(name = "assign", value = "{\"assignmentGroup\":\"payments-2nd-line\",\"assignee\":\"bob\"}"),
                    @ExampleObject(name = "person-only", summary = "The group stays as it is",
                            value = "{\"assignee\":\"alice\"}"),
                    @ExampleObject(name = "hand-over", summary = "A new group, the previous assignee cleared",
                            value = "{\"assignmentGroup\":\"network\",\"assignee\":null}") }))
    @APIResponse(responseCode = "200", description = "Assigned", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not allowed in the current state, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response assign(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch, String body,
            @Context SecurityContext security) {
        return ok(incidents.assign(id, ifMatch, actor(security), mergePatch.parse(body)));
    }

    @POST
    @Path("{id}/hold")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "holdIncident", summary = "Put an IN_PROGRESS incident on hold (→ ON_HOLD)", description = "The note is kept as a work note")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = HoldRequest.class),
            examples = @ExampleObject(name = "vendor", value = "{\"reason\":\"AWAITING_VENDOR\",\"note\":\"Vendor ticket VND-4411 opened\"}")))
    @APIResponse(responseCode = "200", description = "On hold", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not allowed in the current state, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response hold(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid HoldRequest request, @Context SecurityContext security) {
        return ok(incidents.hold(id, ifMatch, actor(security), request.reason(), request.note()));
    }

    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "resumeIncident", summary = "Resume work on an ON_HOLD incident (→ IN_PROGRESS)")
    @APIResponse(responseCode = "200", description = "Resumed", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not allowed in the current state, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response resume(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(incidents.resume(id, ifMatch, actor(security)));
    }

    @POST
    @Path("{id}/resolve")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "resolveIncident", summary = "Resolve an IN_PROGRESS or ON_HOLD incident (→ RESOLVED)",
            description = "Resolving a major incident resolves its open children too, each with its own IncidentResolved event")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ResolveRequest.class),
            examples = @ExampleObject(name = "workaround", value = "{\"resolutionCode\":\"WORKAROUND\",\"notes\":\"Failed over to the secondary gateway\"}")))
    @APIResponse(responseCode = "200", description = "Resolved", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not allowed in the current state, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response resolve(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ResolveRequest request, @Context SecurityContext security) {
        return ok(incidents.resolve(id, ifMatch, actor(security), request.resolutionCode(), request.notes()));
    }

    @POST
    @Path("{id}/reopen")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "reopenIncident", summary = "Reopen a RESOLVED incident within the reopen window (→ IN_PROGRESS)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "recurred", value = "{\"reason\":\"Caller reports the error again\"}")))
    @APIResponse(responseCode = "200", description = "Reopened", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not allowed in the current state, reopen window expired, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response reopen(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ReasonRequest request, @Context SecurityContext security) {
        return ok(incidents.reopen(id, ifMatch, actor(security), request.reason()));
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "closeIncident", summary = "Close a RESOLVED incident (→ CLOSED, final)", description = "Also happens automatically N days after resolution")
    @APIResponse(responseCode = "200", description = "Closed", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not allowed in the current state, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response close(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(incidents.close(id, ifMatch, actor(security)));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "cancelIncident", summary = "Cancel an open incident (→ CANCELED, final)", description = "From NEW, IN_PROGRESS or ON_HOLD, e.g. a duplicate logged by mistake")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "mistake", value = "{\"reason\":\"Logged twice by the service desk\"}")))
    @APIResponse(responseCode = "200", description = "Canceled", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not allowed in the current state, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response cancel(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ReasonRequest request, @Context SecurityContext security) {
        return ok(incidents.cancel(id, ifMatch, actor(security), request.reason()));
    }

    @POST
    @Path("{id}/declare-major")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "declareMajorIncident", summary = "Declare a major incident", description = "Other incidents can then be attached as its children (parentIncidentId)")
    @APIResponse(responseCode = "200", description = "Declared major", content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Not allowed in the current state, already major, a child itself, or changed concurrently",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = STALE)
    public Response declareMajor(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(incidents.declareMajor(id, ifMatch, actor(security)));
    }

    // ------------------------------------------------------------------ notes and history

    @POST
    @Path("{id}/notes")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "addIncidentNote", summary = "Add a work note or comment", description = "Accepts Idempotency-Key")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NoteRequest.class),
            examples = @ExampleObject(name = "work-note", value = "{\"kind\":\"WORK_NOTE\",\"text\":\"Restarted the gateway pods\"}")))
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = NoteView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
    public Response addNote(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @NotNull @Valid NoteRequest request,
            @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, @Context SecurityContext security) {
        return idempotent.create("incident-notes:" + id, idempotencyKey, request, () -> {
            IncidentNote note = incidents.addNote(id, request.kind(), request.text(), actor(security));
            return new IdempotentCreate.Created(URI.create(BASE + id + "/notes/" + note.id()), NoteView.of(note), 0);
        });
    }

    @GET
    @Path("{id}/notes")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "listIncidentNotes", summary = "List work notes and comments", description = "Oldest first")
    @APIResponse(responseCode = "200", description = "One page of notes", content = @Content(schema = @Schema(implementation = NotePage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response notes(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Context UriInfo uri) {
        return Paging.ok(incidents.notes(id, QueryParams.page(page, size)).map(NoteView::of), uri);
    }

    @GET
    @Path("{id}/notes/{noteId}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "getIncidentNote", summary = "Get one note")
    @APIResponse(responseCode = "200", description = "The note", content = @Content(schema = @Schema(implementation = NoteView.class)))
    @APIResponse(responseCode = "404", description = "No such incident or note")
    public NoteView note(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "Note id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("noteId") UUID noteId) {
        return NoteView.of(incidents.note(id, noteId));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "listIncidentHistory", summary = "Full history of an incident", description = "Who did what when, old → new values, oldest first")
    @APIResponse(responseCode = "200", description = "One page of history entries", content = @Content(schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response history(@Parameter(description = "Incident id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size, @Context UriInfo uri) {
        return Paging.ok(incidents.history(id, QueryParams.page(page, size)), uri);
    }

    // ------------------------------------------------------------------ mapping

    private Response ok(Incident i) {
        return Response.ok(view(i)).tag(ETags.entityTag(i.version())).build();
    }

    private IncidentView view(Incident i) {
        String serviceName = incidents.serviceNames(List.of(i.serviceId())).get(i.serviceId());
        List<SlaTimerView> sla = queries.slaOf(List.of(i.id())).getOrDefault(i.id(), List.of()).stream()
                .map(SlaTimerView::of).toList();
        return IncidentView.of(i, serviceName, sla, knownErrorsOf(i));
    }

    private List<KnownErrorMatchView> knownErrorsOf(Incident i) {
        return knownErrors.matching(i.ciId(), i.serviceId(), KnownErrorMatcher.MAX_SHOWN).stream()
                .map(KnownErrorMatchView::of).toList();
    }

    /**
     * The view of an incident this request opened: no SLA timers to look up yet — the sla-service
     * starts them from IncidentOpened, which leaves the outbox only after this transaction commits; the
     * service name and known errors were read while opening it.
     */
    private static IncidentView openedView(IncidentService.Opened opened) {
        return IncidentView.of(opened.incident(), opened.serviceName(), List.of(),
                opened.knownErrors().stream().map(KnownErrorMatchView::of).toList());
    }

    private Page<IncidentView> views(Page<Incident> page) {
        Map<UUID, String> names = incidents.serviceNames(page.items().stream().map(Incident::serviceId).distinct().toList());
        Map<UUID, List<SlaTimerReplica>> sla = queries.slaOf(page.items().stream().map(Incident::id).toList());
        Map<KnownErrorMatcher.Target, List<KnownErrorMatch>> matches = knownErrors.matchingAll(
                page.items().stream().map(IncidentResource::target).toList(), KnownErrorMatcher.MAX_SHOWN);
        return page.map(i -> IncidentView.of(i, names.get(i.serviceId()),
                sla.getOrDefault(i.id(), List.of()).stream().map(SlaTimerView::of).toList(),
                matches.getOrDefault(target(i), List.of()).stream().map(KnownErrorMatchView::of).toList()));
    }

    private static KnownErrorMatcher.Target target(Incident i) {
        return new KnownErrorMatcher.Target(i.ciId(), i.serviceId());
    }

    private static IncidentFilter filter(List<String> state, List<String> priority, String serviceId, String group,
            String assignee, String major, String parent, String openedFrom, String openedTo, String text, String source,
            String alertGroupId) {
        return new IncidentFilter(
                QueryParams.enumValues("state", state, IncidentState.class),
                QueryParams.enumValues("priority", priority, Priority.class),
                QueryParams.uuid("serviceId", serviceId),
                QueryParams.text(group),
                QueryParams.text(assignee),
                QueryParams.bool("major", major),
                QueryParams.uuid("parentIncidentId", parent),
                QueryParams.instant("openedFrom", openedFrom),
                QueryParams.instant("openedTo", openedTo),
                QueryParams.text(text),
                QueryParams.enumValue("source", source, IncidentSource.class),
                QueryParams.uuid("alertGroupId", alertGroupId));
    }

    private static String actor(SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }

    /** OpenAPI shapes of the paged lists: the platform's {@link Page} with the item type named (same fields, descriptions, examples). */
    @Schema(name = "IncidentPage")
    record IncidentPage(
            @Schema(description = "The items of this page") List<IncidentView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "1234") Long total,
            @Schema(description = TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = NEXT, example = NEXT_EXAMPLE) String next) {
    }

    @Schema(name = "IncidentNotePage")
    record NotePage(
            @Schema(description = "The items of this page") List<NoteView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "1234") Long total,
            @Schema(description = TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = NEXT, example = NEXT_EXAMPLE) String next) {
    }

    @Schema(name = "IncidentHistoryPage")
    record HistoryPage(
            @Schema(description = "The items of this page") List<HistoryEntryView> items,
            @Schema(description = PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = TOTAL, example = "1234") Long total,
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
    static final String NEXT_EXAMPLE = "eyJvIjoiLW9wZW5lZEF0IiwiayI6WyIyMDI2LTEyLTAxVDEwOjAwOjAwWiJdfQ";
}
