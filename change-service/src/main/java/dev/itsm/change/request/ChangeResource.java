package dev.itsm.change.request;

import dev.itsm.change.risk.Risk;
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


import dev.itsm.change.api.ChangeCreateRequest;
import dev.itsm.change.api.ChangePatch;
import dev.itsm.change.api.ChangeView;
import dev.itsm.change.api.CommandRequests;
import dev.itsm.change.api.ConflictReport;
import dev.itsm.change.api.IncidentLink;
import dev.itsm.change.risk.RiskQuestion;
import dev.itsm.change.ListQuery;
import dev.itsm.change.PageSchema;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
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

/** Change requests: create, read, edit, and the lifecycle commands. */
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Change requests", description = "Change enablement: requests, risk assessment, approvals, scheduling")
public class ChangeResource {

    private static final String NO_SUCH_CHANGE = "No such change";
    private static final String ILLEGAL_TRANSITION = "Not allowed in the current state (names currentState and allowedCommands)";
    private static final String STALE_IF_MATCH = "If-Match does not name the current version";
    public static final String PAGE = ListParameters.PAGE;
    public static final String SIZE = PageSchema.SIZE_PARAMETER;

    private final ChangeService changes;
    private final ChangeQueries queries;
    private final ChangesFeed feed;
    private final IdempotentCreate idempotent;
    private final SecurityIdentity identity;
    private final MergePatch mergePatch;

    ChangeResource(ChangeService changes, ChangeQueries queries, ChangesFeed feed, IdempotentCreate idempotent,
            SecurityIdentity identity, MergePatch mergePatch) {
        this.changes = changes;
        this.queries = queries;
        this.feed = feed;
        this.idempotent = idempotent;
        this.identity = identity;
        this.mergePatch = mergePatch;
    }

    private Actor actor() {
        return new Actor(identity.getPrincipal().getName(),
                identity.hasRole(Roles.CHANGE_MANAGER) || identity.hasRole(Roles.ADMIN));
    }

    private static Response one(ChangeView v) {
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    @POST
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "requestChange", summary = "Request a change", description = "Opens a change request in NEW. A STANDARD change names its change model, "
            + "whose plans pre-fill the request. Accepts Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeCreateRequest.class),
            examples = {
                    @ExampleObject(name = "normal", value = """
                            {"title":"Upgrade PostgreSQL on db-prod-1 to 16.4","type":"NORMAL",
                             "justification":"Security fixes","serviceIds":["5b0c1e0e-8a7e-4a53-9d7e-1f2b3c4d5e6f"],
                             "implementationPlan":"pg_upgrade --link","backoutPlan":"restore snapshot","testPlan":"smoke tests",
                             "plannedStart":"2026-12-05T22:00:00Z","plannedEnd":"2026-12-05T23:30:00Z"}"""),
                    @ExampleObject(name = "standard", value = """
                            {"title":"Rotate TLS certificate of the web shop","type":"STANDARD",
                             "modelId":"0b9f6a52-3e4f-4b1a-8f7e-2d3c4b5a6978",
                             "plannedStart":"2026-12-06T02:00:00Z","plannedEnd":"2026-12-06T02:30:00Z"}""") }))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag set",
            content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "422", description = "Unknown or inactive change model, scope outside the model, a service or CI the "
            + "catalog replica does not know (unknown-service with serviceId / unknown-ci with ciId; the replica may be catching up "
            + "with one created moments ago: retry after a short delay), Idempotency-Key reused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid ChangeCreateRequest request, @HeaderParam(IdempotentCreate.HEADER) String key) {
        Actor actor = actor();
        return idempotent.create("changes", key, request, () -> {
            ChangeView v = changes.create(request, actor);
            return new IdempotentCreate.Created(URI.create("/api/v1/changes/" + v.id()), v, v.version());
        });
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listChanges", summary = "List change requests", description = "Filters state, type, risk, serviceId, "
            + "requestedBy; sort by number, createdAt, plannedStart, state, type, risk, title (prefix - for descending; default "
            + "-createdAt). Walk it with `cursor` (the `next` of each page): every sort is read from an index, so each page costs "
            + "the same however deep. `total` is counted up to 10,000 unless `count=exact`. With `updatedSince` it is the "
            + "changes feed: in (updatedAt, id) order, without `sort`")
    @APIResponse(responseCode = "200", description = "One page of change requests, with a Link header",
            content = @Content(schema = @Schema(implementation = ChangePage.class)))
    public Response list(@Parameter(description = PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page") String page,
            @Parameter(description = SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Comma-separated fields, - for descending: number, createdAt, plannedStart, state, type, risk, title",
                    example = "-createdAt") @QueryParam("sort") String sort,
            @Parameter(schema = @Schema(implementation = ChangeState.class)) @QueryParam("state") String state,
            @Parameter(schema = @Schema(implementation = ChangeType.class)) @QueryParam("type") String type,
            @Parameter(schema = @Schema(implementation = Risk.class)) @QueryParam("risk") String risk,
            @Parameter(description = "Changes naming this service", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("serviceId") String serviceId,
            @Parameter(description = "Changes requested by this user", example = "rita") @QueryParam("requestedBy") String requestedBy,
            @Context UriInfo uri) {
        ChangesFeed.Window window = ListQuery.feedWindow(feed, updatedSince, sort);
        ChangeQueries.Filter filter = new ChangeQueries.Filter(QueryParams.enumValue("state", state, ChangeState.class),
                QueryParams.enumValue("type", type, ChangeType.class), QueryParams.enumValue("risk", risk, Risk.class),
                QueryParams.uuid("serviceId", serviceId), QueryParams.text(requestedBy));
        Sort order = Sort.parse(sort, ChangeQueries.SORTABLE, ChangeQueries.DEFAULT_SORT);
        return Paging.ok(queries.list(filter, order, QueryParams.page(page, size, cursor, count), window), uri);
    }

    @GET
    @Path("risk-questions")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listRiskQuestions", summary = "List the risk assessment questions", description = "The configured yes/no questions the assess command answers")
    @APIResponse(responseCode = "200", description = "The questions with their weights",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RiskQuestion.class)))
    public List<RiskQuestion> riskQuestions() {
        return changes.riskQuestions();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getChange", summary = "Get a change request", description = "With approval levels and decisions (the history), override record, linked incidents and allowed commands")
    @APIResponse(responseCode = "200", description = "The change; ETag = version", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    public Response get(@PathParam("id") UUID id) {
        return one(changes.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "updateChange", summary = "Edit a change request (JSON merge patch)", description = "In NEW: title, description, justification, "
            + "implementationPlan, backoutPlan, testPlan, plannedStart/End, serviceIds, ciIds. From submission on (a STANDARD "
            + "change: from scheduling on) the content is what the risk assessment and the approvers (or the change model) vouch "
            + "for: only plannedStart/plannedEnd may still change, until implementation starts — an approval authorises the work, "
            + "not its date. Any other changed field is 409 content-frozen naming currentState, changedFields and editableFields, "
            + "and nothing changes; to change the content, cancel the change and request a new one. Sending a field with its "
            + "current value is not a change. A new window of a SCHEDULED change is re-checked for conflicts (409 listing them) "
            + "and announced with ChangeScheduled (rescheduled=true). Every edit that changes something is announced with ChangeUpdated. "
            + "Lists and texts have the caps of the create request. "
            + "Honours If-Match.")
    @RequestBody(content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = ChangePatch.class),
            examples = @ExampleObject(name = "move window", value = "{\"plannedStart\":\"2026-12-06T22:00:00Z\",\"plannedEnd\":\"2026-12-06T23:00:00Z\"}")))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = "Not editable in this state (implementing or final), content frozen after "
            + "submission (content-frozen), scheduling conflicts, or edited concurrently")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "A service or CI the edit adds is not in the catalog replica (unknown-service / "
            + "unknown-ci naming it; the replica may be catching up: retry after a short delay), or outside the change model")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body) {
        return one(changes.patch(id, ifMatch, mergePatch.parse(body), actor()));
    }

    // ------------------------------------------------------------------------------ commands

    @POST
    @Path("{id}/submit")
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "submitChange", summary = "Submit a change", description = "NORMAL: NEW → ASSESS. EMERGENCY: NEW → AUTHORIZE, opening the emergency change authority's first level.")
    @APIResponse(responseCode = "200", description = "Submitted", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = ILLEGAL_TRANSITION)
    @APIResponse(responseCode = "412", description = STALE_IF_MATCH)
    @APIResponse(responseCode = "422", description = "Implementation and/or backout plan missing (incomplete-change): errors[] and "
            + "missingPlans name every missing plan")
    public Response submit(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return one(changes.submit(id, ifMatch, actor()));
    }

    @POST
    @Path("{id}/assess")
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "assessChange", summary = "Assess the risk of a change", description = "Answers every risk question; the risk also counts the services "
            + "impacted through the catalog dependency graph. ASSESS → AUTHORIZE with the approval levels the policy gives for type and risk.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandRequests.Assess.class),
            examples = @ExampleObject(name = "answers", value = "{\"answers\":{\"customerFacing\":true,\"untestedInStaging\":false,\"noBackout\":false,\"firstOfItsKind\":false}}")))
    @APIResponse(responseCode = "200", description = "Assessed", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = ILLEGAL_TRANSITION)
    @APIResponse(responseCode = "412", description = STALE_IF_MATCH)
    public Response assess(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid CommandRequests.Assess body) {
        return one(changes.assess(id, ifMatch, body, actor()));
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "approveChange", summary = "Approve the open approval level", description = "Role itsm-change-manager or itsm-admin; "
            + "the caller must also be an approver of the open level, not the requester, and may decide once per level. "
            + "When the level's rule (ANY/ALL/QUORUM) is met the next level opens; after the last the change is authorised.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandRequests.Decide.class),
            examples = @ExampleObject(name = "approve", value = "{\"comment\":\"Backout plan verified in staging\"}")))
    @APIResponse(responseCode = "200", description = "Decision recorded", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = "Not awaiting approval, or the approver already decided")
    @APIResponse(responseCode = "412", description = STALE_IF_MATCH)
    public Response approve(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid CommandRequests.Decide body) {
        return one(changes.approve(id, ifMatch, body, actor()));
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed({ Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "rejectChange", summary = "Reject the change at the open approval level", description = "Role itsm-change-manager or itsm-admin, "
            + "and an approver of the open level. One rejection rejects the change (REJECTED is final). A comment is required.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandRequests.Decide.class),
            examples = @ExampleObject(name = "reject", value = "{\"comment\":\"No tested backout plan\"}")))
    @APIResponse(responseCode = "200", description = "Rejected", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = "Not awaiting approval, or the approver already decided")
    @APIResponse(responseCode = "412", description = STALE_IF_MATCH)
    public Response reject(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid CommandRequests.Decide body) {
        return one(changes.reject(id, ifMatch, body, actor()));
    }

    @POST
    @Path("{id}/schedule")
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "scheduleChange", summary = "Schedule a change (enforced conflict check)", description = "Checks overlapping changes on the same or dependent "
            + "services/CIs, blackout windows and (NORMAL) maintenance windows. Conflicts → 409 listing each one in conflicts[]; an EMERGENCY "
            + "change or a change manager may override with override=true and a justification, which is recorded.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandRequests.Schedule.class),
            examples = { @ExampleObject(name = "plain", value = "{}"),
                    @ExampleObject(name = "override", value = "{\"override\":true,\"justification\":\"P1 outage, vendor hotfix\"}") }))
    @APIResponse(responseCode = "200", description = "Scheduled", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = "Scheduling conflicts (conflicts[]) or not allowed in the current state")
    @APIResponse(responseCode = "412", description = STALE_IF_MATCH)
    @APIResponse(responseCode = "422", description = "Planned window missing or (non-emergency) in the past")
    public Response schedule(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid CommandRequests.Schedule body) {
        return one(changes.schedule(id, ifMatch, body, actor()));
    }

    @GET
    @Path("{id}/conflicts")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "previewChangeConflicts", summary = "Preview scheduling conflicts", description = "The conflicts scheduling the change in its planned window would meet now")
    @APIResponse(responseCode = "200", description = "Conflict report", content = @Content(schema = @Schema(implementation = ConflictReport.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "422", description = "No planned window")
    public ConflictReport conflicts(@PathParam("id") UUID id) {
        return changes.conflicts(id);
    }

    @POST
    @Path("{id}/start")
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "startChange", summary = "Start implementing", description = "SCHEDULED → IMPLEMENT; records the actual start")
    @APIResponse(responseCode = "200", description = "Implementing", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = ILLEGAL_TRANSITION)
    @APIResponse(responseCode = "412", description = STALE_IF_MATCH)
    public Response start(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return one(changes.start(id, ifMatch, actor()));
    }

    @POST
    @Path("{id}/complete")
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "completeChange", summary = "Complete the implementation", description = "IMPLEMENT → REVIEW; records the actual end")
    @APIResponse(responseCode = "200", description = "In review", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = ILLEGAL_TRANSITION)
    @APIResponse(responseCode = "412", description = STALE_IF_MATCH)
    public Response complete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return one(changes.complete(id, ifMatch));
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "closeChange", summary = "Close after review", description = "REVIEW → CLOSED with a close code")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandRequests.Close.class),
            examples = @ExampleObject(name = "close", value = "{\"closeCode\":\"SUCCESSFUL\",\"notes\":\"No incidents in 24h\"}")))
    @APIResponse(responseCode = "200", description = "Closed", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = ILLEGAL_TRANSITION)
    @APIResponse(responseCode = "412", description = STALE_IF_MATCH)
    public Response close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid CommandRequests.Close body) {
        return one(changes.close(id, ifMatch, body));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "cancelChange", summary = "Cancel a change", description = "From any non-final state, with a reason")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandRequests.Cancel.class),
            examples = @ExampleObject(name = "cancel", value = "{\"reason\":\"Superseded by CHG0000043\"}")))
    @APIResponse(responseCode = "200", description = "Canceled", content = @Content(schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = "Already final")
    @APIResponse(responseCode = "412", description = STALE_IF_MATCH)
    public Response cancel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid CommandRequests.Cancel body) {
        return one(changes.cancel(id, ifMatch, body, actor()));
    }

    // ------------------------------------------------------------------------------ incidents

    @GET
    @Path("{id}/incidents")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listChangeIncidents", summary = "List incidents linked to a change", description = "Caused-by / resolved-by links with the incident facts known from incident events (shown at review)")
    @APIResponse(responseCode = "200", description = "Links",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentLink.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    public List<IncidentLink> incidents(@PathParam("id") UUID id) {
        return changes.incidents(id);
    }

    @POST
    @Path("{id}/incidents")
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "linkChangeIncident", summary = "Link an incident to a change",
            description = "relation CAUSED_BY or RESOLVED_BY. Answers the link: 201 with its Location when it is new (announced "
                    + "with ChangeIncidentLinked, which incident-service shows in the incident's linkedChangeIds), 200 when the "
                    + "incident was already linked with this relation (nothing changes, nothing is published).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandRequests.LinkIncident.class),
            examples = @ExampleObject(name = "caused", value = "{\"incidentId\":\"3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9\",\"relation\":\"CAUSED_BY\"}")))
    @APIResponse(responseCode = "201", description = "Linked; Location names the link",
            content = @Content(schema = @Schema(implementation = IncidentLink.class)))
    @APIResponse(responseCode = "200", description = "Already linked with this relation: the existing link",
            content = @Content(schema = @Schema(implementation = IncidentLink.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CHANGE)
    @APIResponse(responseCode = "409", description = "The change is canceled")
    public Response linkIncident(@PathParam("id") UUID id, @NotNull @Valid CommandRequests.LinkIncident body) {
        ChangeService.IncidentLinked linked = changes.linkIncident(id, body, actor());
        if (!linked.created()) {
            return Response.ok(linked.link()).build();
        }
        return Response.created(URI.create("/api/v1/changes/" + id + "/incidents/" + body.incidentId())).entity(linked.link()).build();
    }

    @GET
    @Path("{id}/incidents/{incidentId}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getChangeIncident", summary = "Get the link of a change to an incident",
            description = "With the incident facts known from incident events")
    @APIResponse(responseCode = "200", description = "The link", content = @Content(schema = @Schema(implementation = IncidentLink.class)))
    @APIResponse(responseCode = "404", description = "No such change or link")
    public IncidentLink incidentLink(@PathParam("id") UUID id, @PathParam("incidentId") UUID incidentId) {
        return changes.incidentLink(id, incidentId);
    }

    @DELETE
    @Path("{id}/incidents/{incidentId}")
    @RolesAllowed({ Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "unlinkChangeIncident", summary = "Unlink an incident from a change",
            description = "Removes every relation to the incident; announced with ChangeIncidentUnlinked")
    @APIResponse(responseCode = "204", description = "Unlinked")
    @APIResponse(responseCode = "404", description = "No such change or link")
    public Response unlinkIncident(@PathParam("id") UUID id, @PathParam("incidentId") UUID incidentId) {
        changes.unlinkIncident(id, incidentId);
        return Response.noContent().build();
    }

    /** One page of change requests (the schema of the list response). */
    @Schema(name = "ChangePage")
    record ChangePage(@Schema(description = PageSchema.ITEMS) List<ChangeView> items,
            @Schema(description = PageSchema.PAGE, example = PageSchema.PAGE_EXAMPLE) Integer page,
            @Schema(description = PageSchema.SIZE, example = PageSchema.SIZE_EXAMPLE) int size,
            @Schema(description = PageSchema.TOTAL, example = PageSchema.TOTAL_EXAMPLE) Long total,
            @Schema(description = PageSchema.TOTAL_EXACT, example = PageSchema.TOTAL_EXACT_EXAMPLE) Boolean totalExact,
            @Schema(description = PageSchema.NEXT, example = PageSchema.NEXT_EXAMPLE) String next) {
    }
}
