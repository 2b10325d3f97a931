package dev.itsm.problemmanagement;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.AdminApiChecks;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's operator API under /api/v1/problems/admin (ProblemAdminResource), checked as in every service. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class ProblemAdminTest {

    @Test
    void theOperatorApiServesTheConsumedTopicsAndRefusesOthers() {
        AdminApiChecks.verify("/api/v1/problems/admin", List.of("itsm.incident.events", "itsm.change.events", "itsm.catalog.events"),
                "itsm.sla.events");
    }
}
