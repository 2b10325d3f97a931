package dev.itsm.platform.testapp;

import dev.itsm.platform.admin.AdminResource;
import jakarta.ws.rs.Path;

/** The platform's operator API under the test service's base path, as every service exposes it. */
@Path("/api/v1/tickets/admin")
public class TicketAdminResource extends AdminResource {
}
