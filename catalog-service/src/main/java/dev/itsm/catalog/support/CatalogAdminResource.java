package dev.itsm.catalog.support;

import dev.itsm.platform.admin.AdminResource;
import jakarta.ws.rs.Path;

/** The platform's operator API (parked outbox events, dead letters) under the catalogue's base path. */
@Path("/api/v1/catalog/admin")
public class CatalogAdminResource extends AdminResource {
}
