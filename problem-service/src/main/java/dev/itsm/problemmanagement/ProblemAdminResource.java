package dev.itsm.problemmanagement;

import dev.itsm.platform.admin.AdminResource;
import jakarta.ws.rs.Path;

/** The platform's operator API (parked outbox events, dead letters) under the problem base path. */
@Path("/api/v1/problems/admin")
public class ProblemAdminResource extends AdminResource {
}
