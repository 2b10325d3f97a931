package dev.itsm.sla.calendar;

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

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/sla/calendars")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Calendars", description = "Business calendars: time zone, weekly working hours, holidays")
public class CalendarResource {

    static final String EXAMPLE = """
            {"name":"Berlin office hours","timeZone":"Europe/Berlin",
             "weeklyHours":{"MONDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}],
                            "TUESDAY":[{"start":"09:00","end":"17:00"}],"WEDNESDAY":[{"start":"09:00","end":"17:00"}],
                            "THURSDAY":[{"start":"09:00","end":"17:00"}],"FRIDAY":[{"start":"09:00","end":"15:00"}]},
             "holidays":[{"date":"2026-12-25","name":"Christmas Day","yearly":true},{"date":"2026-04-03","name":"Good Friday","yearly":false}]}""";
    static final String ICS_EXAMPLE = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//example//holidays//EN
            BEGIN:VEVENT
            UID:newyear@example
            DTSTAMP:20260101T000000Z
            DTSTART;VALUE=DATE:20270101
            SUMMARY:New Year
            RRULE:FREQ=YEARLY
            END:VEVENT
            END:VCALENDAR""";

    static final String IF_MATCH = "The ETag from the last read (\"<version>\"); a mismatch is 412";

    private final CalendarService calendars;
    private final IdempotentCreate idempotent;

    CalendarResource(CalendarService calendars, IdempotentCreate idempotent) {
        this.calendars = calendars;
        this.idempotent = idempotent;
    }

    @POST
    @RolesAllowed({ Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "createSlaCalendar", summary = "Create a business calendar", description = "Accepts Idempotency-Key.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarRequest.class),
            examples = @ExampleObject(name = "office", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "400", description = "Invalid calendar (each field named)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Name already used", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull CalendarRequest request,
            @Parameter(description = "Makes retries safe: a replay returns the first response") @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("sla-calendars", key, request, () -> {
            CalendarView c = calendars.create(request);
            return new IdempotentCreate.Created(URI.create("/api/v1/sla/calendars/" + c.id()), c, c.version());
        });
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "listSlaCalendars", summary = "List calendars (filter by name, sort by name/createdAt)",
            description = "Walk the list with `cursor` (each page's `next`). `total` is counted up to 10,000 unless `count=exact`.")
    @APIResponse(responseCode = "200", description = "A page of calendars (Link header with first/next, and prev/last for page numbers with an exact total)",
            content = @Content(schema = @Schema(implementation = CalendarPage.class)))
    @APIResponse(responseCode = "400", description = "Bad paging, cursor, count or sort", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "Part of the name, any case", example = "office") @QueryParam("name") String name,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Parameter(description = "Comma-separated fields, - for descending: name, createdAt (default name; ties by id)", example = "-createdAt") @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        Sort order = Sort.parse(sort, CalendarService.SORTABLE, "name");
        return Paging.ok(calendars.list(QueryParams.page(page, size, cursor, count), order, name), uri);
    }

    /** One page of calendars, as the list answers it. */
    @Schema(name = "CalendarPage")
    record CalendarPage(
            @Schema(description = "The items of this page") List<CalendarView> items,
            @Schema(description = "Zero-based page number; absent on a page reached by cursor", example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = "Rows matching the query over all pages: exact when totalExact is true, otherwise a lower "
                    + "bound (see the count parameter); absent when not counted", example = "1234") Long total,
            @Schema(description = "Whether total is exact (true) or a lower bound (false); absent with total", example = "true") Boolean totalExact,
            @Schema(description = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
                    + "Absent on the last page", example = "eyJvIjoiLW9wZW5lZEF0IiwiayI6WyIyMDI2LTEyLTAxVDEwOjAwOjAwWiJdfQ") String next) {
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "getSlaCalendar", summary = "Get a calendar (the built-in 24x7 calendar is 00000000-0000-0000-0000-000000000247)")
    @APIResponse(responseCode = "200", description = "The calendar, with ETag", content = @Content(schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "404", description = "No such calendar", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id) {
        CalendarView c = calendars.get(id);
        return Response.ok(c).tag(ETags.entityTag(c.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "updateSlaCalendar", summary = "Change a calendar (JSON merge patch); takes effect for running timers at once")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = CalendarPatch.class),
            examples = @ExampleObject(name = "hours", value = "{\"weeklyHours\":{\"FRIDAY\":[{\"start\":\"09:00\",\"end\":\"17:00\"}]}}")))
    @APIResponse(responseCode = "200", description = "The changed calendar", content = @Content(schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "400", description = "Invalid result", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such calendar", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Built-in calendar, name taken or concurrent change", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id, @NotNull JsonNode patch,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        CalendarView c = calendars.patch(id, patch, ifMatch);
        return Response.ok(c).tag(ETags.entityTag(c.version())).build();
    }

    @POST
    @Path("{id}/holidays/import")
    @Consumes({ "text/calendar", MediaType.TEXT_PLAIN })
    @RolesAllowed({ Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(operationId = "importSlaCalendarHolidays", summary = "Import holidays from an iCalendar (.ics) body; RRULE:FREQ=YEARLY events become yearly holidays")
    @RequestBody(required = true, content = @Content(mediaType = "text/calendar", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "ics", value = ICS_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The calendar with the holidays added", content = @Content(schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "400", description = "Not a usable iCalendar document", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such calendar", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Built-in calendar or concurrent change", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not text/calendar", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importHolidays(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id, String ics,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        CalendarView c = calendars.importHolidays(id, ics, ifMatch);
        return Response.ok(c).tag(ETags.entityTag(c.version())).build();
    }

    /**
     * Any other body type on the import path: the generic 415 would tell the client to send JSON, which this
     * endpoint refuses too. JAX-RS picks the most specific {@code @Consumes}, so iCalendar bodies never get here.
     */
    @POST
    @Path("{id}/holidays/import")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.SLA_ADMIN, Roles.ADMIN })
    @Operation(hidden = true)
    public Response importHolidaysOfAnotherType(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                "Holidays are imported from an iCalendar document: send it as text/calendar (got "
                        + (contentType == null ? "no Content-Type" : contentType) + ")");
    }
}
