package dev.itsm.sla;

import dev.itsm.platform.admin.AdminResource;
import jakarta.ws.rs.Path;

/** The platform's operator API (parked outbox events, dead letters) under the SLA base path. */
@Path("/api/v1/sla/admin")
public class SlaAdminResource extends AdminResource {
}
