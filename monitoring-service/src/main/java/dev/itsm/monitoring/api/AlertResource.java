package dev.itsm.monitoring.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertService;
import dev.itsm.monitoring.AlertState;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.ListParameters;
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
 * Alerts: list (keyset paging, filters, changes feed), read, and the commands a person gives an alert — acknowledge,
 * suppress, unsuppress. Thin: reads go to {@link AlertQueries}, commands to {@link AlertService}.
 */
@Path("/api/v1/monitoring/alerts")
@Tag(name = "Alerts", description = "Alerts received from Alertmanager and other tools, deduplicated and classified")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertResource {

    static final String ID = "Alert id";
    static final String NOT_FOUND = "No such alert";
    static final String SORT_RULE = "Sort by lastSeenAt, firstSeenAt, severity (critical first): comma-separated, prefix - "
            + "for descending, default -lastSeenAt (latest activity first)";
    /** A severity as the column can hold it (varchar(20)); anything else cannot match and is a mistake. */
    private static final Pattern SEVERITY = Pattern.compile("[a-z0-9_.-]{1,20}");

    private final AlertQueries queries;
    private final AlertService alerts;
    private final ChangesFeed feed;

    AlertResource(AlertQueries queries, AlertService alerts, ChangesFeed feed) {
        this.queries = queries;
        this.alerts = alerts;
        this.feed = feed;
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "monitoringListAlerts", summary = "List alerts", description = "Filters combine with AND. "
            + SORT_RULE + ". With updatedSince: the changes feed of alerts")
    @APIResponse(responseCode = "200", description = "One page of alerts (Link header with next)",
            content = @Content(schema = @Schema(implementation = AlertPage.class)))
    public Response list(
            @Parameter(description = "Only these states (repeat the parameter, or comma-separate the values)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = AlertState.class),
                    examples = @ExampleObject(name = "firing", value = "[\"FIRING\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = "Only these severities (" + ApiDocs.SEVERITY_VALUES + ", or a rule's own value; any case)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = String.class),
                    examples = @ExampleObject(name = "severe", value = "[\"critical\",\"major\"]")) @QueryParam("severity") List<String> severity,
            @Parameter(description = "Alerts on this CI", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("ciId") String ciId,
            @Parameter(description = "Alerts affecting this service", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("serviceId") String serviceId,
            @Parameter(description = "Alerts of this alert group", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("groupId") String groupId,
            @Parameter(description = "true: suppressed now (change window, maintenance window or by hand); false: not",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("suppressed") String suppressed,
            @Parameter(description = "true: acknowledged; false: not yet", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("acknowledged") String acknowledged,
            @Parameter(description = "true: in an alert group; false: in none (unrouted, or suppressed before correlation)",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("grouped") String grouped,
            @Parameter(description = "The alert name, exactly", example = "DiskFull") @QueryParam("name") String name,
            @Parameter(description = "A substring of the name, summary or CI name (any case), or the alert number", example = "db-01") @QueryParam("q") String text,
            @Parameter(description = SORT_RULE, example = "-lastSeenAt") @QueryParam("sort") String sort,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = ApiDocs.SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Context UriInfo uri) {
        AlertFilter filter = new AlertFilter(QueryParams.enumValues("state", state, AlertState.class), severities(severity),
                QueryParams.uuid("ciId", ciId), QueryParams.uuid("serviceId", serviceId), QueryParams.uuid("groupId", groupId),
                QueryParams.bool("suppressed", suppressed), QueryParams.bool("acknowledged", acknowledged),
                QueryParams.bool("grouped", grouped), QueryParams.text(name), text);
        ChangesFeed.Window window = feed.window(updatedSince);
        Sort order = order(sort, window);
        Page<Alert> found = queries.alerts(filter, order, QueryParams.page(page, size, cursor, count, text), window);
        return Paging.ok(found.map(AlertView::of), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "monitoringGetAlert", summary = "Get an alert", description = "The ETag is its version")
    @APIResponse(responseCode = "200", description = "The alert", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response get(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        return ok(queries.alert(id));
    }

    // ------------------------------------------------------------------ commands

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "monitoringAcknowledgeAlert", summary = "Acknowledge a firing alert", description = "Says "
            + "someone is on it (acknowledgedBy/At); the alert keeps firing, counting and correlating → AlertAcknowledged. "
            + "Only a FIRING alert not yet acknowledged. The body is optional (an empty application/json body will do). "
            + "If-Match is optional")
    @RequestBody(content = @Content(schema = @Schema(implementation = AcknowledgeRequest.class),
            examples = @ExampleObject(name = "acknowledge", value = "{\"note\":\"Looking at the disk usage on db-01\"}")))
    @APIResponse(responseCode = "200", description = "Acknowledged (ETag set)", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = ApiDocs.CONFLICT, content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ApiDocs.ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = ApiDocs.STALE)
    public Response acknowledge(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Valid AcknowledgeRequest body,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(alerts.acknowledge(id, ifMatch, actor(security), body == null ? null : body.note()));
    }

    @POST
    @Path("{id}/suppress")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "monitoringSuppressAlert", summary = "Suppress a firing alert until a time", description = "A "
            + "MANUAL suppression: the alert stops counting in its group (its group may start resolving, and it opens no "
            + "incident) until `until` (future, at most monitoring.suppression.max-duration ahead, P30D), or until "
            + "unsuppressed → AlertSuppressed. Only a FIRING alert not suppressed. If-Match is optional")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SuppressRequest.class),
            examples = @ExampleObject(name = "suppress", value = "{\"until\":\"2026-12-01T18:00:00Z\",\"note\":\"Known noisy check while the array rebuilds\"}")))
    @APIResponse(responseCode = "200", description = "Suppressed (ETag set)", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = ApiDocs.CONFLICT, content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ApiDocs.ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = ApiDocs.STALE)
    @APIResponse(responseCode = "422", description = "until is not in the future or too far ahead (invalid-suppression)",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid-suppression", value = ApiDocs.INVALID_SUPPRESSION)))
    public Response suppress(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @NotNull @Valid SuppressRequest body,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(alerts.suppress(id, ifMatch, actor(security), body.until(), body.note()));
    }

    @POST
    @Path("{id}/unsuppress")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "monitoringUnsuppressAlert", summary = "Lift an alert's suppression", description = "Any "
            + "suppression — by hand, or a change or maintenance window's — ends now → AlertUnsuppressed; a FIRING alert "
            + "counts in its group again, or is correlated now (and may open an incident). Only a FIRING alert that is "
            + "suppressed. If-Match is optional")
    @APIResponse(responseCode = "200", description = "No longer suppressed (ETag set)", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = ApiDocs.CONFLICT, content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ApiDocs.ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "412", description = ApiDocs.STALE)
    public Response unsuppress(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(alerts.unsuppress(id, ifMatch, actor(security)));
    }

    // ------------------------------------------------------------------ helpers

    private static String actor(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    /** {@code sort} with the default when absent; 400 together with a changes feed (always (updatedAt, id)). */
    static Sort order(String sort, ChangesFeed.Window window) {
        if (window != null && QueryParams.text(sort) != null) {
            throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order");
        }
        return sort == null || sort.isBlank() ? null : AlertQueries.alertSort(sort);
    }

    /** Repeated or comma-separated severities, lower-cased; 400 naming {@code severity} for one no alert can have. */
    static List<String> severities(List<String> raw) {
        List<String> values = new ArrayList<>();
        if (raw == null) {
            return values;
        }
        for (String entry : raw) {
            if (entry == null) {
                continue;
            }
            for (String part : entry.split(",")) {
                String v = part.strip().toLowerCase(Locale.ROOT);
                if (v.isEmpty()) {
                    continue;
                }
                if (!SEVERITY.matcher(v).matches()) {
                    throw new ValidationException("severity", "must be a severity such as " + ApiDocs.SEVERITY_VALUES);
                }
                values.add(v);
            }
        }
        return values;
    }

    static Response ok(Alert a) {
        return Response.ok(AlertView.of(a)).tag(ETags.entityTag(a.version())).build();
    }
}
