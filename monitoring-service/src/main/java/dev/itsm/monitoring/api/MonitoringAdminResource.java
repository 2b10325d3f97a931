package dev.itsm.monitoring.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.itsm.monitoring.intake.IntakeQueue;
import dev.itsm.platform.admin.AdminResource;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * The platform's operator API (parked outbox events, dead letters) under the monitoring base path, plus the state of
 * the intake queue: the one place where a storm that processing cannot keep up with shows before incidents are late.
 */
@Path("/api/v1/monitoring/admin")
public class MonitoringAdminResource extends AdminResource {

    /** Field-injected like the platform's beans of {@link AdminResource}, so the class needs no constructor. */
    @Inject
    IntakeQueue intake;

    @GET
    @Path("intake")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "monitoringAdminGetIntakeQueue", summary = "State of the intake queue",
            description = "How many accepted alerts wait for the processor, and since when. The processor drains the "
                    + "queue every monitoring.processing.every in batches of monitoring.processing.batch-size")
    @APIResponse(responseCode = "200", description = "The queue's depth and its oldest entry",
            content = @Content(schema = @Schema(implementation = IntakeQueueView.class)))
    public IntakeQueueView intake() {
        return new IntakeQueueView(intake.depth(), intake.oldestReceivedAt().orElse(null));
    }
}
