package dev.itsm.request;

import dev.itsm.platform.admin.AdminResource;
import jakarta.ws.rs.Path;

/** The platform's operator API (parked outbox events, dead letters) under the request base path. */
@Path("/api/v1/requests/admin")
public class RequestAdminResource extends AdminResource {
}
