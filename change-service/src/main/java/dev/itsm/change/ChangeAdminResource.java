package dev.itsm.change;

import dev.itsm.platform.admin.AdminResource;
import jakarta.ws.rs.Path;

/** The platform's operator API (parked outbox events, dead letters) under the changes' base path. */
@Path("/api/v1/changes/admin")
public class ChangeAdminResource extends AdminResource {
}
