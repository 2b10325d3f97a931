package dev.itsm.sla.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.Problem.FieldError;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.platform.security.Roles;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.sla.agreement.Priority;
import dev.itsm.sla.timer.RecordKind;
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

    private final ComplianceReports reports;
    private final Clock clock;

    ReportResource(ComplianceReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GET
    @Path("compliance")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getSlaComplianceReport", summary = "Compliance of one record kind's timers (recordKind, default INCIDENT) started in [from, to): met, breached, running, % met, mean/median/p90 business time per metric (Accept: text/csv for CSV)",
            description = "Computed in the database, one row per metric. The period is at most 366 days (else 400 naming from and to).")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplianceReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = "metric,met,breached,running,canceled,compliancePercent,meanSeconds,medianSeconds,p90Seconds\nTIME_TO_RESPOND,9,1,0,0,90.0,640.2,600,1200\n")) })
    @APIResponse(responseCode = "400", description = "Bad from/to or filter, or a period longer than 366 days", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response compliance(
            @Parameter(description = "ISO-8601 instant, default: 30 days before `to`; at most 366 days before `to`", example = "2026-11-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String fromText,
            @Parameter(description = "ISO-8601 instant (exclusive), default: now", example = "2026-12-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String toText,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("serviceId") String serviceIdText,
            @Parameter(schema = @Schema(implementation = Priority.class)) @QueryParam("priority") String priorityText,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("agreementId") String agreementIdText,
            @Parameter(description = "Whose timers are counted: INCIDENT (the default, so a report asked for without it is the incident "
                    + "report it always was: rows TIME_TO_RESPOND, TIME_TO_RESOLVE) or REQUEST (service requests: rows TIME_TO_FULFIL, "
                    + "TIME_TO_APPROVE; canceled and rejected requests count as canceled, outside the percentage)",
                    schema = @Schema(implementation = RecordKind.class, defaultValue = "INCIDENT")) @QueryParam("recordKind") String recordKindText,
            @Parameter(description = "Only requests for this offering (REQUEST reports; 400 with recordKind INCIDENT)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("offeringId") String offeringIdText,
            @Context HttpHeaders headers) {
        UUID serviceId = QueryParams.uuid("serviceId", serviceIdText);
        UUID agreementId = QueryParams.uuid("agreementId", agreementIdText);
        RecordKind recordKind = QueryParams.enumValue("recordKind", recordKindText, RecordKind.class);
        recordKind = recordKind == null ? RecordKind.INCIDENT : recordKind;
        UUID offeringId = QueryParams.uuid("offeringId", offeringIdText);
        if (offeringId != null && recordKind != RecordKind.REQUEST) {
            throw new ValidationException("offeringId", "only requests have an offering: add recordKind=REQUEST");
        }
        Priority priority = QueryParams.enumValue("priority", priorityText, Priority.class);
        if (priority != null && recordKind != RecordKind.INCIDENT) {
            throw new ValidationException("priority", "requests have no priority: leave it out of a REQUEST report");
        }
        Instant to = toText == null ? clock.instant() : instant("to", toText);
        Instant from = fromText == null ? to.minus(Duration.ofDays(30)) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw new ValidationException("from", "must be before to");
        }
        if (Duration.between(from, to).compareTo(ComplianceReports.MAX_PERIOD) > 0) {
            String why = "from/to span " + Duration.between(from, to).toDays() + " days; a report covers at most "
                    + ComplianceReports.MAX_PERIOD.toDays() + " days";
            throw new ValidationException(List.of(new FieldError("from", why), new FieldError("to", why)));
        }
        ComplianceReport report = reports.report(new ComplianceReports.Filter(recordKind, from, to, serviceId,
                priority == null ? null : priority.name(), offeringId, agreementId));
        boolean csv = headers.getAcceptableMediaTypes().stream().findFirst()
                .map(mt -> mt.isCompatible(MediaType.valueOf(CSV)) && !mt.isWildcardType()).orElse(false);
        if (csv) {
            return Response.ok(report.toCsv(), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"sla-compliance.csv\"").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "'" + text + "' is not an ISO-8601 instant (e.g. 2026-11-01T00:00:00Z)");
        }
    }
}
