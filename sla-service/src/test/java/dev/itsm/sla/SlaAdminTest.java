package dev.itsm.sla;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.AdminApiChecks;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's operator API under /api/v1/sla/admin (itsm-admin only: checked by the auth matrix in SecurityTest). */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class SlaAdminTest {

    @Test
    void parkedEventsAndTheDeadLettersOfTheIncidentTopicAreThere() {
        // sla-service consumes the incident topic (timers) and the catalog topic (its service replica)
        AdminApiChecks.verify("/api/v1/sla/admin", List.of("itsm.incident.events", "itsm.catalog.events"), "itsm.change.events");
    }
}
