package dev.itsm.incident;

import dev.itsm.platform.admin.AdminResource;
import jakarta.ws.rs.Path;

/** The platform's operator API (parked outbox events, dead letters) under the incidents' base path. */
@Path("/api/v1/incidents/admin")
public class IncidentAdminResource extends AdminResource {
}
