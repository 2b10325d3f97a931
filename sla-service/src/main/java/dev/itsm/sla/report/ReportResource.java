package dev.itsm.sla.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.platform.security.Roles;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.sla.agreement.Priority;
import dev.itsm.sla.calendar.WorkingTimeCache;
import dev.itsm.sla.report.ComplianceReport.Outcome;
import dev.itsm.sla.report.ComplianceReport.TimerFact;
import dev.itsm.sla.timer.ClockPhase;
import dev.itsm.sla.timer.Metric;
import dev.itsm.sla.timer.SlaTimer;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/sla/reports")
@Tag(name = "Reports", description = "SLA compliance")
public class ReportResource {

    static final String CSV = "text/csv";

    private final WorkingTimeCache calendars;
    private final Clock clock;

    ReportResource(WorkingTimeCache calendars, Clock clock) {
        this.calendars = calendars;
        this.clock = clock;
    }

    @GET
    @Path("compliance")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(summary = "Compliance of timers started in [from, to): met, breached, running, % met, mean/median/p90 business time per metric (Accept: text/csv for CSV)")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplianceReport.class)),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = "metric,met,breached,running,canceled,compliancePercent,meanSeconds,medianSeconds,p90Seconds\nTIME_TO_RESPOND,9,1,0,0,90.0,640.2,600,1200\n")) })
    @APIResponse(responseCode = "400", description = "Bad from/to or filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response compliance(
            @Parameter(description = "ISO-8601 instant, default: 30 days before `to`", example = "2026-11-01T00:00:00Z") @QueryParam("from") String fromText,
            @Parameter(description = "ISO-8601 instant (exclusive), default: now", example = "2026-12-01T00:00:00Z") @QueryParam("to") String toText,
            @QueryParam("serviceId") String serviceIdText, @QueryParam("priority") String priorityText,
            @QueryParam("agreementId") String agreementIdText, @Context HttpHeaders headers) {
        UUID serviceId = QueryParams.uuid("serviceId", serviceIdText);
        UUID agreementId = QueryParams.uuid("agreementId", agreementIdText);
        Priority priority = QueryParams.enumValue("priority", priorityText, Priority.class);
        Instant to = toText == null ? clock.instant() : instant("to", toText);
        Instant from = fromText == null ? to.minus(Duration.ofDays(30)) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw new ValidationException("from", "must be before to");
        }
        StringBuilder where = new StringBuilder("startedAt >= :from and startedAt < :to");
        Parameters p = Parameters.with("from", from).and("to", to);
        if (serviceId != null) {
            where.append(" and serviceId = :serviceId");
            p.and("serviceId", serviceId);
        }
        if (priority != null) {
            where.append(" and priority = :priority");
            p.and("priority", priority.name());
        }
        if (agreementId != null) {
            where.append(" and agreementId = :agreementId");
            p.and("agreementId", agreementId);
        }
        List<SlaTimer> timers = SlaTimer.list(where.toString(), p);
        Instant now = clock.instant();
        List<ComplianceReport.Row> rows = new ArrayList<>();
        for (Metric m : Metric.values()) {
            List<TimerFact> facts = timers.stream().filter(t -> t.metric() == m).map(t -> new TimerFact(outcome(t),
                    t.phase() == ClockPhase.STOPPED, t.elapsed(calendars.get(t.calendarId()), now).toSeconds())).toList();
            rows.add(ComplianceReport.row(m, facts));
        }
        ComplianceReport report = new ComplianceReport(from, to, serviceId, priority == null ? null : priority.name(), agreementId, rows);
        boolean csv = headers.getAcceptableMediaTypes().stream().findFirst()
                .map(mt -> mt.isCompatible(MediaType.valueOf(CSV)) && !mt.isWildcardType()).orElse(false);
        if (csv) {
            return Response.ok(report.toCsv(), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"sla-compliance.csv\"").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    private static Outcome outcome(SlaTimer t) {
        if (t.phase() == ClockPhase.CANCELED) {
            return Outcome.CANCELED;
        }
        if (t.breached()) {
            return Outcome.BREACHED;
        }
        return t.phase() == ClockPhase.STOPPED ? Outcome.MET : Outcome.RUNNING;
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "'" + text + "' is not an ISO-8601 instant (e.g. 2026-11-01T00:00:00Z)");
        }
    }
}
