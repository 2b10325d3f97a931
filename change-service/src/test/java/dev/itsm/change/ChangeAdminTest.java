package dev.itsm.change;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.AdminApiChecks;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's operator API under /api/v1/changes/admin (itsm-admin only: checked by the auth matrix in SecurityTest). */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ChangeAdminTest {

    @Test
    void parkedEventsAndTheDeadLettersOfTheConsumedTopicsAreThere() {
        // change-service consumes catalog and incident events, not its own topic
        AdminApiChecks.verify("/api/v1/changes/admin", List.of("itsm.catalog.events", "itsm.incident.events"),
                "itsm.change.events");
    }
}
