package dev.itsm.problemmanagement.knownerror;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.security.Roles;
import dev.itsm.problemmanagement.api.KnownErrorView;
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

/** The known-error database: search by service, CI, state and full text over title, symptoms and workaround. */
@Path("/api/v1/problems/known-errors")
@Tag(name = "Known errors", description = "Known errors: problems with a documented root cause and workaround")
@Produces(MediaType.APPLICATION_JSON)
public class KnownErrorResource {

    static final String TEXT = "Full-text search over title, symptoms and workaround (English stemming: \"timeouts\" finds "
            + "\"timeout\"): every word must occur, \"quoted words\" as a phrase, or between alternatives, -word excludes. "
            + "Results are ranked by relevance (a match in the title above one in the symptoms above one in the workaround) "
            + "and paged by page number (a cursor with q is a 400); without q the newest publication comes first, by cursor.";

    private final KnownErrorQueries queries;

    KnownErrorResource(KnownErrorQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "listProblemKnownErrors", summary = "Search the known-error database", description = "Filters combine with AND. " + TEXT)
    @APIResponse(responseCode = "200", description = "One page of known errors",
            content = @Content(schema = @Schema(implementation = KnownErrorPage.class)))
    public Response list(
            @Parameter(description = "Known errors of this service", schema = @Schema(type = SchemaType.STRING, format = "uuid"),
                    example = "3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01") @QueryParam("serviceId") String serviceId,
            @Parameter(description = "Known errors of this configuration item", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("ciId") String ciId,
            @Parameter(description = "ACTIVE (its problem is open) or RETIRED (closed or canceled)",
                    schema = @Schema(implementation = KnownErrorState.class)) @QueryParam("state") String state,
            @Parameter(description = TEXT, example = "checkout 502") @QueryParam("q") String text,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, at most 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Context UriInfo uri) {
        KnownErrorQueries.Filter filter = new KnownErrorQueries.Filter(QueryParams.uuid("serviceId", serviceId),
                QueryParams.uuid("ciId", ciId), QueryParams.enumValue("state", state, KnownErrorState.class),
                QueryParams.text(text));
        return Paging.ok(queries.list(filter, QueryParams.page(page, size, cursor, count, text)).map(KnownErrorView::of), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.PROBLEM_MANAGER, Roles.ADMIN })
    @Operation(operationId = "getProblemKnownError", summary = "Get a known error")
    @APIResponse(responseCode = "200", description = "The known error", content = @Content(schema = @Schema(implementation = KnownErrorView.class)))
    @APIResponse(responseCode = "404", description = "No such known error")
    public KnownErrorView get(@Parameter(description = "Known error id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") UUID id) {
        return KnownErrorView.of(queries.get(id));
    }

    @Schema(name = "KnownErrorPage")
    record KnownErrorPage(
            @Schema(description = "The items of this page") List<KnownErrorView> items,
            @Schema(description = "Zero-based page number; absent on a page reached by cursor", example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = "Rows matching the query over all pages: exact when totalExact is true, otherwise a lower "
                    + "bound (see the count parameter); absent when not counted", example = "12") Long total,
            @Schema(description = "Whether total is exact (true) or a lower bound (false); absent with total", example = "true") Boolean totalExact,
            @Schema(description = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
                    + "Absent on the last page", example = "eyJvIjoiLXB1Ymxpc2hlZF9hdCJ9") String next) {
    }
}
