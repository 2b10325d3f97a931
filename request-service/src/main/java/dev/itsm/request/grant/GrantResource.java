package dev.itsm.request.grant;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.security.Roles;
import dev.itsm.request.RequestQueries;
import dev.itsm.request.RequestResource;
import dev.itsm.request.api.GrantView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The access review: every grant across requests (readers, agents, admins; requesters see their request's only). */
@Path("/api/v1/requests/grants")
@Tag(name = "Access grants", description = "Access given by fulfilled requests, until it expires or is revoked")
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {

    private final RequestQueries queries;

    GrantResource(RequestQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "listAccessGrants", summary = "Access review", description = "Filters combine with AND; soonest expiry first")
    @APIResponse(responseCode = "200", description = "One page of grants",
            content = @Content(schema = @Schema(implementation = RequestResource.GrantPage.class)))
    public Response list(
            @Parameter(description = "Grants of this person (token subject)", example = "bob") @QueryParam("subject") String subject,
            @Parameter(description = "Only these states (repeat the parameter, or comma-separate the values)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = GrantState.class),
                    examples = @ExampleObject(name = "active", value = "[\"ACTIVE\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = "Grants expiring before this instant", schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = "2027-03-01T00:00:00Z") @QueryParam("expiresBefore") String expiresBefore,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, at most 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Context UriInfo uri) {
        return Paging.ok(queries.grants(QueryParams.text(subject), QueryParams.enumValues("state", state, GrantState.class),
                QueryParams.instant("expiresBefore", expiresBefore), null, QueryParams.page(page, size, cursor, count))
                .map(GrantView::of), uri);
    }
}
