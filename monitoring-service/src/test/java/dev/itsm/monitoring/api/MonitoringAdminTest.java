package dev.itsm.monitoring.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.monitoring.intake.AlertStatus;
import dev.itsm.monitoring.pipeline.AlertFeed;
import dev.itsm.platform.security.Roles;
import dev.itsm.testing.AdminApiChecks;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The operator API under /api/v1/monitoring/admin: the platform's, checked as in every service, and the intake queue. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class MonitoringAdminTest {

    static final String ADMIN = "/api/v1/monitoring/admin";

    @Inject
    AlertFeed feed;

    @Test
    void theOperatorApiServesTheConsumedTopicsAndRefusesOthers() {
        AdminApiChecks.verify(ADMIN, List.of("itsm.catalog.events", "itsm.change.events", "itsm.incident.events"),
                "itsm.sla.events");
    }

    @Test
    void theIntakeQueueShowsWhatWaitsForTheProcessor() {
        String admin = TestTokens.bearer("olga", Roles.ADMIN);
        feed.processPending();
        given().header("Authorization", admin).get(ADMIN + "/intake").then().statusCode(200)
                .body("queueDepth", equalTo(0)).body("oldestQueuedAt", nullValue());

        feed.enqueue(List.of(AlertFeed.alert(AlertStatus.FIRING, AlertFeed.fingerprint(), "QueueDepth", null, "info"),
                AlertFeed.alert(AlertStatus.FIRING, AlertFeed.fingerprint(), "QueueDepth", null, "info")));
        given().header("Authorization", admin).get(ADMIN + "/intake").then().statusCode(200)
                .body("queueDepth", greaterThanOrEqualTo(2)).body("oldestQueuedAt", notNullValue());

        feed.processPending();
        given().header("Authorization", admin).get(ADMIN + "/intake").then().statusCode(200)
                .body("queueDepth", equalTo(0)).body("oldestQueuedAt", nullValue());
    }
}
