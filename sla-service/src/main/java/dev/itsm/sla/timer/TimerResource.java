package dev.itsm.sla.timer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.platform.security.Roles;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.sla.calendar.WorkingTimeCache;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/sla/timers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Timers", description = "SLA clocks per record (incident or service request), agreement and metric (driven by incident and request events)")
public class TimerResource {

    private final TimerQueries timers;
    private final ChangesFeed feed;
    private final WorkingTimeCache calendars;
    private final Clock clock;

    TimerResource(TimerQueries timers, ChangesFeed feed, WorkingTimeCache calendars, Clock clock) {
        this.timers = timers;
        this.feed = feed;
        this.calendars = calendars;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listSlaTimers", summary = "List timers (filter by incidentId, recordKind, recordId, agreementId, state, metric; sort by startedAt/dueAt/metric/agreementName), or the changes feed (updatedSince)",
            description = "Walk the list with `cursor` (each page's `next`): every page costs the same however deep. Every single-field "
                    + "sort, either direction, is read from an index, also under each filter. `total` is counted up to 10,000 unless "
                    + "`count=exact`. With `updatedSince` the list is the changes feed, in (updatedAt, id) order.")
    @APIResponse(responseCode = "200", description = "A page of timers with elapsed, remaining, percent, due time and pauses (Link header with first/next, and prev/last for page numbers with an exact total)",
            content = @Content(schema = @Schema(implementation = SlaTimerPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, paging, cursor, count or sort (sort together with updatedSince)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "Only this incident's timers", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("incidentId") String incidentIdText,
            @Parameter(description = "Only timers of this kind of record (default: every kind)", schema = @Schema(implementation = RecordKind.class))
            @QueryParam("recordKind") String recordKindText,
            @Parameter(description = "Only the timers of this record (an incident's or a service request's id)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("recordId") String recordIdText,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("agreementId") String agreementIdText,
            @Parameter(schema = @Schema(implementation = TimerState.class)) @QueryParam("state") String stateText,
            @Parameter(schema = @Schema(implementation = Metric.class)) @QueryParam("metric") String metricText,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = "Comma-separated fields, - for descending: startedAt, dueAt, metric, agreementName "
                    + "(default startedAt,agreementName,metric; ties by the default order, then id). Not with updatedSince", example = "dueAt")
            @QueryParam("sort") String sort,
            @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
            @Context UriInfo uri) {
        TimerQueries.Filter filter = new TimerQueries.Filter(QueryParams.uuid("incidentId", incidentIdText),
                QueryParams.uuid("agreementId", agreementIdText), QueryParams.enumValue("state", stateText, TimerState.class),
                QueryParams.enumValue("metric", metricText, Metric.class), QueryParams.enumValue("recordKind", recordKindText, RecordKind.class),
                QueryParams.uuid("recordId", recordIdText));
        ChangesFeed.Window window = feed.window(updatedSince);
        if (window != null && QueryParams.text(sort) != null) {
            throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order");
        }
        Sort order = Sort.parse(sort, TimerQueries.SORTABLE, TimerQueries.DEFAULT_SORT);
        PageRequest request = QueryParams.page(page, size, cursor, count);
        Instant now = clock.instant();
        Page<TimerView> found = timers.list(filter, request, order, window).map(t -> TimerView.of(t, calendars.get(t.calendarId()), now));
        return Paging.ok(found, uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getSlaTimer", summary = "Get one timer")
    @APIResponse(responseCode = "200", description = "The timer, with ETag", content = @Content(schema = @Schema(implementation = TimerView.class)))
    @APIResponse(responseCode = "404", description = "No such timer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        SlaTimer t = SlaTimer.findById(id);
        if (t == null) {
            throw new NotFoundException("Timer", id);
        }
        return Response.ok(TimerView.of(t, calendars.get(t.calendarId()), clock.instant())).tag(ETags.entityTag(t.version())).build();
    }

    /** One page of timers, as the list answers it (the platform's {@code Page}, documented under its own name). */
    @Schema(name = "SlaTimerPage")
    record SlaTimerPage(
            @Schema(description = "The items of this page") List<TimerView> items,
            @Schema(description = "Zero-based page number; absent on a page reached by cursor", example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = "Rows matching the query over all pages: exact when totalExact is true, otherwise a lower "
                    + "bound (see the count parameter); absent when not counted", example = "1234") Long total,
            @Schema(description = "Whether total is exact (true) or a lower bound (false); absent with total", example = "true") Boolean totalExact,
            @Schema(description = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
                    + "Absent on the last page", example = "eyJvIjoiLW9wZW5lZEF0IiwiayI6WyIyMDI2LTEyLTAxVDEwOjAwOjAwWiJdfQ") String next) {
    }
}
