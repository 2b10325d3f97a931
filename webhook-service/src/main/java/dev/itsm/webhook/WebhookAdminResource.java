package dev.itsm.webhook;

import dev.itsm.platform.admin.AdminResource;
import jakarta.ws.rs.Path;

/** The platform's operator API (parked outbox events, dead letters) under the webhook base path. */
@Path("/api/v1/webhooks/admin")
public class WebhookAdminResource extends AdminResource {
}
