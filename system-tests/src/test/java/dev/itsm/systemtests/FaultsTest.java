package dev.itsm.systemtests;

import static dev.itsm.systemtests.Suite.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.itsm.deploy.Stack;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.restassured.response.Response;

/** Faults on the running suite: nothing acknowledged is lost, nothing is applied twice. */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    /** A LIVE service whose incidents get exactly two SLA timers (respond + resolve, P4). */
    static String serviceWithTwoTimersPerIncident(String key) {
        String serviceId = ScenariosTest.liveServiceWithCi(key).get("serviceId");
        as("faults-sla", "itsm-sla-admin").body(Map.of("name", "Faults " + key + " " + UUID.randomUUID(), "type", "SLA",
                "scope", Map.of("allServices", false, "serviceIds", List.of(serviceId)),
                "targets", List.of(Map.of("metric", "TIME_TO_RESPOND", "priority", "P4", "duration", "PT4H"),
                        Map.of("metric", "TIME_TO_RESOLVE", "priority", "P4", "duration", "PT8H"))))
                .post("/api/v1/sla/agreements").then().statusCode(201);
        // the replica is in place before any fault starts
        ScenariosTest.openIncident("faults-agent", ScenariosTest.incident(serviceId, "MEDIUM", "LOW"));
        return serviceId;
    }

    static void assertExactlyOneOpenedAndTwoTimersEach(List<String> ids) {
        Set<String> mine = Set.copyOf(ids);
        List<Received> opened = TopicReader.await(Suite.bootstrap(), "itsm.incident.events", ids.size(), Duration.ofSeconds(90),
                r -> mine.contains(r.key()) && "dev.itsm.incident.IncidentOpened".equals(r.ceType()));
        Map<String, Long> perIncident = opened.stream().collect(Collectors.groupingBy(Received::key, Collectors.counting()));
        assertEquals(ids.size(), perIncident.size(), "an IncidentOpened for every acknowledged incident");
        assertEquals(ids.size(), opened.stream().map(Received::ceId).distinct().count(), "no duplicate ce_id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : ids) {
                assertEquals(2, ScenariosTest.timers("faults-reader", id).size(), "timers of " + id);
            }
        });
    }

    @Test
    @Order(1)
    void anUpstreamThatIsDownIsA503WithinTheTimeoutAndRecoversWithoutRestartingTheGateway() throws Exception {
        Stack stack = Suite.stack();
        stack.faults().stop("change-service");
        try {
            Instant start = Instant.now();
            Response r = as("faults-reader", "itsm-reader").get("/api/v1/changes");
            Duration took = Duration.between(start, Instant.now());
            assertEquals(503, r.statusCode(), r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"));
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered in " + took);
        } finally {
            stack.faults().restart("change-service");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> as("faults-reader", "itsm-reader").get("/api/v1/changes").statusCode() == 200);
    }

    @Test
    @Order(2)
    void aBrokerOutageLosesAndDuplicatesNothing() {
        String serviceId = serviceWithTwoTimersPerIncident("sys-outage");
        Stack stack = Suite.stack();
        List<String> ids = new ArrayList<>();
        stack.faults().stopKafka();
        try {
            for (int i = 0; i < 20; i++) {
                Response r = as("outage-agent", "itsm-agent").body(ScenariosTest.incident(serviceId, "MEDIUM", "LOW"))
                        .post("/api/v1/incidents");
                assertEquals(201, r.statusCode(), "writes succeed while Kafka is down: " + r.asString());
                ids.add(r.path("id"));
            }
        } finally {
            stack.faults().startKafka();
        }
        assertExactlyOneOpenedAndTwoTimersEach(ids);
    }

    @Test
    @Order(3)
    void killingSlaServiceMidStreamLeavesNoMissingOrDuplicateTimers() throws Exception {
        String serviceId = serviceWithTwoTimersPerIncident("sys-crash");
        Stack stack = Suite.stack();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                stack.faults().kill("sla-service"); // kill -9 while incidents keep coming
            }
            ids.add(as("crash-agent", "itsm-agent").body(ScenariosTest.incident(serviceId, "MEDIUM", "LOW"))
                    .post("/api/v1/incidents").then().statusCode(201).extract().path("id"));
        }
        stack.faults().restart("sla-service");
        assertExactlyOneOpenedAndTwoTimersEach(ids);
    }

    @Test
    @Order(4)
    void aDatabaseRestartUnderLoadMakesServicesUnreadyThenRecoversWithoutLosingAcknowledgedWrites() throws Exception {
        String serviceId = serviceWithTwoTimersPerIncident("sys-dbrestart");
        Stack stack = Suite.stack();
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sawUnready = new AtomicBoolean(false);
        // light load: one create every 100 ms, and a readiness probe every 100 ms, on a fixed-rate schedule
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        load.scheduleAtFixedRate(() -> {
            try {
                Response r = as("db-agent", "itsm-agent").body(ScenariosTest.incident(serviceId, "MEDIUM", "LOW"))
                        .post("/api/v1/incidents");
                if (r.statusCode() == 201) {
                    acknowledged.add(r.path("id"));
                }
            } catch (RuntimeException e) {
                // the request failed while the database was away: not acknowledged, nothing to check
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        load.scheduleAtFixedRate(() -> {
            if (!stack.isReady("incident-service")) {
                sawUnready.set(true);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 5);
            stack.faults().restartPostgres(Duration.ofSeconds(3));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stack.isReady("incident-service") && stack.isReady("sla-service"));
            int atRecovery = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atRecovery + 5);
        } finally {
            load.shutdown();
            load.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertTrue(sawUnready.get(), "incident-service reported not-ready while PostgreSQL was down");
        for (String id : acknowledged) {
            as("faults-reader", "itsm-reader").get("/api/v1/incidents/" + id).then().statusCode(200);
        }
        assertExactlyOneOpenedAndTwoTimersEach(new ArrayList<>(acknowledged));
        System.out.printf("database restart: %d acknowledged incidents, none lost%n", acknowledged.size());
    }
}
