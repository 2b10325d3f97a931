package dev.itsm.platform.testapp;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.platform.http.Sort;
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
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final TicketService tickets;
    private final IdempotentCreate idempotent;
    private final ChangesFeed feed;

    TicketResource(TicketService tickets, IdempotentCreate idempotent, ChangesFeed feed) {
        this.tickets = tickets;
        this.idempotent = idempotent;
        this.feed = feed;
    }

    @POST
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Response open(@NotNull @Valid TicketRequest request,
            @HeaderParam(IdempotentCreate.HEADER) String key) {
        return idempotent.create("tickets", key, request, () -> {
            Ticket t = tickets.open(request);
            return new IdempotentCreate.Created(URI.create("/api/v1/tickets/" + t.id()), t, t.version());
        });
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size,
            @QueryParam("cursor") String cursor, @QueryParam("count") String count,
            @QueryParam("sort") String sort, @QueryParam("updatedSince") String updatedSince, @Context UriInfo uri) {
        ChangesFeed.Window window = feed.window(updatedSince);
        if (window != null && QueryParams.text(sort) != null) {
            throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order");
        }
        Sort order = Sort.parse(sort, Map.of("title", "title", "state", "state"), "title");
        return Paging.ok(tickets.list(QueryParams.page(page, size, cursor, count), order, window), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @APIResponse(responseCode = "200", description = "The ticket", content = @Content(schema = @Schema(implementation = Ticket.class)))
    public Response get(@PathParam("id") UUID id) {
        Ticket t = tickets.get(id);
        return Response.ok(t).tag(ETags.entityTag(t.version())).build();
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Response close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Ticket t = tickets.close(id, ifMatch);
        return Response.ok(t).tag(ETags.entityTag(t.version())).build();
    }

    /** A body that is not JSON (the test kit's auth matrix must send what the operation consumes). */
    @POST
    @Path("{id}/note")
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Response note(@PathParam("id") UUID id, String note) {
        Ticket t = tickets.get(id);
        return Response.ok(t).tag(ETags.entityTag(t.version())).build();
    }

    @GET
    @Path("boom")
    @RolesAllowed({ Roles.ADMIN })
    public Response boom(@QueryParam("error") boolean error) {
        if (error) {
            // an Error, not an Exception: what running out of heap or stack throws
            throw new StackOverflowError("secret internal detail at dev.itsm.Secret.method(Secret.java:42)");
        }
        throw new IllegalStateException("secret internal detail at dev.itsm.Secret.method(Secret.java:42)");
    }
}
