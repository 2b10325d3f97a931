package dev.itsm.sla.timer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.sla.calendar.WorkingTimeCache;
import io.quarkus.panache.common.Parameters;
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
@Tag(name = "Timers", description = "SLA clocks per incident, agreement and metric (driven by incident events)")
public class TimerResource {

    private final WorkingTimeCache calendars;
    private final Clock clock;

    TimerResource(WorkingTimeCache calendars, Clock clock) {
        this.calendars = calendars;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listSlaTimers", summary = "List timers (filter by incidentId, agreementId, state, metric; sort by startedAt/dueAt)")
    @APIResponse(responseCode = "200", description = "A page of timers with elapsed, remaining, percent, due time and pauses (Link header with first/prev/next/last)",
            content = @Content(schema = @Schema(implementation = SlaTimerPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, paging or sort", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("incidentId") String incidentIdText,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("agreementId") String agreementIdText,
            @Parameter(schema = @Schema(implementation = TimerState.class)) @QueryParam("state") String stateText,
            @Parameter(schema = @Schema(implementation = Metric.class)) @QueryParam("metric") String metricText,
            @Parameter(description = "Zero-based page", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = "Comma-separated fields, - for descending: startedAt, dueAt, metric, agreementName", example = "dueAt")
            @QueryParam("sort") String sort, @Context UriInfo uri) {
        UUID incidentId = QueryParams.uuid("incidentId", incidentIdText);
        UUID agreementId = QueryParams.uuid("agreementId", agreementIdText);
        TimerState state = QueryParams.enumValue("state", stateText, TimerState.class);
        Metric metric = QueryParams.enumValue("metric", metricText, Metric.class);
        PageRequest pr = QueryParams.page(page, size);
        String orderBy = Sort.parse(sort, Map.of("startedAt", "startedAt", "dueAt", "dueAt", "metric", "metric",
                "agreementName", "agreementName"), "startedAt,agreementName,metric").toOrderBy() + ", id";
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (incidentId != null) {
            where.append(" and incidentId = :incidentId");
            p.and("incidentId", incidentId);
        }
        if (agreementId != null) {
            where.append(" and agreementId = :agreementId");
            p.and("agreementId", agreementId);
        }
        if (metric != null) {
            where.append(" and metric = :metric");
            p.and("metric", metric);
        }
        if (state != null) {
            where.append(switch (state) {
                case RUNNING -> " and phase = 'RUNNING' and breached = false";
                case PAUSED -> " and phase = 'PAUSED' and breached = false";
                case MET -> " and phase = 'STOPPED' and breached = false";
                case BREACHED -> " and breached = true and phase <> 'CANCELED'";
                case CANCELED -> " and phase = 'CANCELED'";
            });
        }
        var q = SlaTimer.<SlaTimer>find(where + " order by " + orderBy, p);
        long total = q.count();
        Instant now = clock.instant();
        List<TimerView> items = q.page(pr.page(), pr.size()).list().stream()
                .map(t -> TimerView.of(t, calendars.get(t.calendarId()), now)).toList();
        return Paging.ok(new Page<>(items, pr.page(), pr.size(), total), uri);
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

    /** One page of timers, as the list answers it. */
    @Schema(name = "SlaTimerPage")
    record SlaTimerPage(List<TimerView> items, int page, int size, long total) {
    }
}
