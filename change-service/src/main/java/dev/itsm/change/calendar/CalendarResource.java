package dev.itsm.change.calendar;


import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The change calendar (forward schedule of change) as JSON and as an iCalendar feed. */
@Path("/api/v1/changes/calendar")
@Tag(name = "Change calendar", description = "Forward schedule of change, with blackout windows")
public class CalendarResource {

    public static final String TEXT_CALENDAR = "text/calendar";
    private static final String FROM = "Start of the range (default: now - 1 day)";
    private static final String TO = "End of the range, exclusive (default: from + 30 days)";

    private final CalendarService calendar;

    CalendarResource(CalendarService calendar) {
        this.calendar = calendar;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, TEXT_CALENDAR })
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getChangeCalendar", summary = "Change calendar (forward schedule of change)", description = "Changes (SCHEDULED, IMPLEMENT, REVIEW, CLOSED) "
            + "whose planned window overlaps [from, to), and blackout windows. Defaults: from = now - 1 day, to = from + 30 days. "
            + "JSON by default; Accept: text/calendar gives the same entries as an RFC 5545 iCalendar document.")
    @APIResponse(responseCode = "200", description = "The calendar", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeCalendar.class)),
            @Content(mediaType = TEXT_CALENDAR, schema = @Schema(type = SchemaType.STRING, description = "RFC 5545 iCalendar")) })
    public Response calendar(@Parameter(description = FROM, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = TO, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Context HttpHeaders headers) {
        boolean ical = !headers.getAcceptableMediaTypes().isEmpty()
                && headers.getAcceptableMediaTypes().get(0).isCompatible(MediaType.valueOf(TEXT_CALENDAR))
                && !headers.getAcceptableMediaTypes().get(0).isWildcardType();
        if (ical) {
            return ics(from, to);
        }
        return Response.ok(calendar.calendar(QueryParams.instant("from", from), QueryParams.instant("to", to)), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("feed.ics")
    @Produces(TEXT_CALENDAR)
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getChangeCalendarFeed", summary = "Change calendar feed (.ics)", description = "RFC 5545 feed for calendar subscriptions (Outlook, Google Calendar), "
            + "including blackout windows")
    @APIResponse(responseCode = "200", description = "text/calendar", content = @Content(mediaType = TEXT_CALENDAR,
            schema = @Schema(type = SchemaType.STRING, description = "RFC 5545 iCalendar")))
    public Response ical(@Parameter(description = FROM, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = TO, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to) {
        return ics(from, to);
    }

    private Response ics(String from, String to) {
        String body = calendar.ical(calendar.calendar(QueryParams.instant("from", from), QueryParams.instant("to", to)));
        return Response.ok(body, TEXT_CALENDAR + "; charset=utf-8")
                .header("Content-Disposition", "inline; filename=\"change-calendar.ics\"").build();
    }
}
