package dev.itsm.monitoring.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.AlertState;
import dev.itsm.monitoring.GroupState;
import dev.itsm.monitoring.replica.IncidentLink;
import dev.itsm.monitoring.replica.IncidentLinks;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Alert groups — alerts correlated over the CI graph, one incident each — with the incident incident-service opened
 * for them, and their alerts. Read-only: groups change only through their alerts.
 */
@Path("/api/v1/monitoring/alert-groups")
@Tag(name = "Alert groups", description = "Alerts correlated over the CI graph around a root-cause candidate; one incident per group")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertGroupResource {

    static final String ID = "Alert group id";
    static final String NOT_FOUND = "No such alert group";
    static final String SORT_RULE = "Sort by lastAlertAt, openedAt, severity (critical first): comma-separated, prefix - "
            + "for descending, default -lastAlertAt (latest activity first)";

    private final AlertQueries queries;
    private final IncidentLinks incidents;
    private final ChangesFeed feed;

    AlertGroupResource(AlertQueries queries, IncidentLinks incidents, ChangesFeed feed) {
        this.queries = queries;
        this.incidents = incidents;
        this.feed = feed;
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "monitoringListAlertGroups", summary = "List alert groups", description = "Filters combine "
            + "with AND. " + SORT_RULE + ". With updatedSince: the changes feed of alert groups")
    @APIResponse(responseCode = "200", description = "One page of alert groups (Link header with next)",
            content = @Content(schema = @Schema(implementation = AlertGroupPage.class)))
    public Response list(
            @Parameter(description = "Only these states (repeat the parameter, or comma-separate the values)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = GroupState.class),
                    examples = @ExampleObject(name = "open", value = "[\"OPEN\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = "true: groups spanning two services or more (major incidents)",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("major") String major,
            @Parameter(description = "Groups rooted at this CI", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("rootCiId") String rootCiId,
            @Parameter(description = "Groups affecting this service", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("serviceId") String serviceId,
            @Parameter(description = SORT_RULE, example = "-lastAlertAt") @QueryParam("sort") String sort,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = ApiDocs.SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Context UriInfo uri) {
        AlertGroupFilter filter = new AlertGroupFilter(QueryParams.enumValues("state", state, GroupState.class),
                QueryParams.bool("major", major), QueryParams.uuid("rootCiId", rootCiId), QueryParams.uuid("serviceId", serviceId));
        ChangesFeed.Window window = feed.window(updatedSince);
        if (window != null && QueryParams.text(sort) != null) {
            throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order");
        }
        Sort order = sort == null || sort.isBlank() ? null : AlertQueries.groupSort(sort);
        Page<AlertGroup> found = queries.groups(filter, order, QueryParams.page(page, size, cursor, count), window);
        // the page's incident links in one query, not one per group
        Map<UUID, IncidentLink> links = incidents.forGroups(found.items().stream().map(AlertGroup::id).toList());
        return Paging.ok(found.map(g -> AlertGroupView.of(g, links.get(g.id()))), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "monitoringGetAlertGroup", summary = "Get an alert group", description = "With the incident "
            + "opened for it (null until incident-service has opened one). The ETag is its version")
    @APIResponse(responseCode = "200", description = "The alert group", content = @Content(schema = @Schema(implementation = AlertGroupView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response get(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        AlertGroup group = queries.group(id);
        return Response.ok(view(group)).tag(ETags.entityTag(group.version())).build();
    }

    @GET
    @Path("{id}/alerts")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "monitoringListAlertGroupAlerts", summary = "Alerts of an alert group",
            description = "Every alert that joined the group, latest activity first by default. " + AlertResource.SORT_RULE)
    @APIResponse(responseCode = "200", description = "One page of the group's alerts (Link header with next)",
            content = @Content(schema = @Schema(implementation = AlertPage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response alerts(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "Only these states (repeat the parameter, or comma-separate the values)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = AlertState.class),
                    examples = @ExampleObject(name = "firing", value = "[\"FIRING\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = AlertResource.SORT_RULE, example = "-lastSeenAt") @QueryParam("sort") String sort,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = ApiDocs.SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Context UriInfo uri) {
        AlertGroup group = queries.group(id);
        AlertFilter filter = AlertFilter.none().withStates(QueryParams.enumValues("state", state, AlertState.class))
                .inGroup(group.id());
        Page<Alert> found = queries.alerts(filter, AlertResource.order(sort, null), QueryParams.page(page, size, cursor, count), null);
        return Paging.ok(found.map(AlertView::of), uri);
    }

    private AlertGroupView view(AlertGroup group) {
        return AlertGroupView.of(group, incidents.forGroup(group.id()).orElse(null));
    }
}
