package dev.itsm.change.monitoring;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.change.PageSchema;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.security.Roles;
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

/** The alerts monitoring-service suppressed inside a change's window: what to look at first when reviewing it. */
@Path("/api/v1/changes/{id}/suspect-alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Change requests", description = "Change enablement: requests, risk assessment, approvals, scheduling")
public class SuspectAlertResource {

    private final SuspectAlertService suspects;

    SuspectAlertResource(SuspectAlertService suspects) {
        this.suspects = suspects;
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listChangeSuspectAlerts", summary = "List the alerts suppressed during a change",
            description = "Alerts monitoring-service suppressed because they fired on a CI or service of the change while "
                    + "it was SCHEDULED or IMPLEMENT within its planned window (AlertSuppressed, reason CHANGE_WINDOW), "
                    + "newest suppression first, with the state monitoring-service last reported (AlertResolved → "
                    + "RESOLVED). Walk it with `cursor`.")
    @APIResponse(responseCode = "200", description = "One page of suspect alerts, with a Link header",
            content = @Content(schema = @Schema(implementation = SuspectAlertPage.class)))
    @APIResponse(responseCode = "404", description = "No such change")
    public Response list(@Parameter(description = "Change request id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") UUID id,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page") String page,
            @Parameter(description = PageSchema.SIZE_PARAMETER, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
            @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Context UriInfo uri) {
        return Paging.ok(suspects.list(id, QueryParams.page(page, size, cursor, count)), uri);
    }

    /** One page of suspect alerts (the schema of the list response). */
    @Schema(name = "SuspectAlertPage")
    record SuspectAlertPage(@Schema(description = PageSchema.ITEMS) List<SuspectAlertView> items,
            @Schema(description = PageSchema.PAGE, example = PageSchema.PAGE_EXAMPLE) Integer page,
            @Schema(description = PageSchema.SIZE, example = PageSchema.SIZE_EXAMPLE) int size,
            @Schema(description = PageSchema.TOTAL, example = PageSchema.TOTAL_EXAMPLE) Long total,
            @Schema(description = PageSchema.TOTAL_EXACT, example = PageSchema.TOTAL_EXACT_EXAMPLE) Boolean totalExact,
            @Schema(description = PageSchema.NEXT, example = PageSchema.NEXT_EXAMPLE) String next) {
    }
}
