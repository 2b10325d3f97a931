package dev.itsm.sla.timer;

import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.target;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.itsm.sla.SlaTestSupport.Incident;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class TimerMetricsTest {

    static double gauge(String metrics, String state) {
        Matcher m = Pattern.compile("itsm_sla_timers\\{[^}]*state=\"" + state + "\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void metricsShowTimersByStateAndThePlatformsOutboxAndConsumerLag() {
        UUID service = knownService();
        agreement("Metrics " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P3", "PT8H")), Map.of());
        String before = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double runningBefore = Math.max(0, gauge(before, "RUNNING"));
        new Incident(service, "P3", TestClock.INSTANCE.instant()).publish("IncidentOpened", TestClock.INSTANCE.instant());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(gauge(metrics, "RUNNING") >= runningBefore + 1, "a RUNNING timer more");
            for (String state : List.of("PAUSED", "MET", "BREACHED", "CANCELED")) {
                assertTrue(gauge(metrics, state) >= 0, "gauge for " + state);
            }
            assertTrue(metrics.contains("itsm_outbox_pending_events"), "outbox lag");
            assertTrue(metrics.contains("itsm_outbox_oldest_pending_age_seconds"), "outbox age");
            assertTrue(metrics.contains("itsm_consumer_lag_records"), "consumer lag");
        });
    }
}
