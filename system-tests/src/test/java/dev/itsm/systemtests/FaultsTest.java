package dev.itsm.systemtests;

import static dev.itsm.systemtests.Suite.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.itsm.deploy.Stack;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.restassured.response.Response;

/** Faults on the running suite: nothing acknowledged is lost, nothing is applied twice, nothing is dead-lettered. */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    /** A LIVE service (and its CI) whose incidents get exactly two SLA timers (respond + resolve, P4). */
    static Map<String, String> serviceWithTwoTimersPerIncident(String key) {
        // a previous fault may still be wearing off (a service reconnecting to its database)
        Stack stack = Suite.stack();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.components().stream().allMatch(stack::isReady));
        Map<String, String> service = ScenariosTest.liveServiceWithCi(key);
        String serviceId = service.get("serviceId");
        ScenariosTest.createOnceReplicated(() -> as("faults-sla", "itsm-sla-admin").body(Map.of(
                "name", "Faults " + key + " " + UUID.randomUUID(), "type", "SLA",
                "scope", Map.of("allServices", false, "serviceIds", List.of(serviceId)),
                "targets", List.of(Map.of("metric", "TIME_TO_RESPOND", "priority", "P4", "duration", "PT4H"),
                        Map.of("metric", "TIME_TO_RESOLVE", "priority", "P4", "duration", "PT8H")))),
                "/api/v1/sla/agreements");
        // the replica is in place before any fault starts
        ScenariosTest.openIncident("faults-agent", ScenariosTest.incident(serviceId, "MEDIUM", "LOW"));
        return service;
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

    /**
     * After a fault every consumer has applied every acknowledged incident — nothing was thrown away
     * on the consuming side: sla-service started both timers, incident-service shows the statuses
     * sla-service announced for them, change-service's incident replica knows the incident — and no
     * record of any topic went to a dead-letter topic since {@code deadLettersBefore}.
     */
    static void assertEveryConsumerAppliedEveryIncident(List<String> ids, Map<String, String> service,
            Map<TopicPartition, Long> deadLettersBefore) {
        try {
            assertEveryConsumerEffect(ids, service);
        } catch (AssertionError | RuntimeException missing) {
            // an effect that never came was usually dead-lettered: name the records in the failure
            List<String> deadLettered = DeadLetters.since(deadLettersBefore);
            if (!deadLettered.isEmpty()) {
                missing.addSuppressed(new AssertionError("records dead-lettered during the fault: " + deadLettered));
            }
            throw missing;
        }
        assertEquals(List.of(), DeadLetters.since(deadLettersBefore), "records dead-lettered during the fault");
    }

    /** Timers in sla-service, their statuses on the incident, the incident in change-service's replica. */
    private static void assertEveryConsumerEffect(List<String> ids, Map<String, String> service) {
        assertExactlyOneOpenedAndTwoTimersEach(ids);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : ids) {
                List<Map<String, Object>> sla = as("faults-reader", "itsm-reader").get("/api/v1/incidents/" + id)
                        .then().statusCode(200).extract().jsonPath().getList("sla");
                assertEquals(Set.of("TIME_TO_RESPOND", "TIME_TO_RESOLVE"),
                        sla.stream().map(s -> s.get("metric")).collect(Collectors.toSet()), "SLA statuses of " + id + ": " + sla);
                assertTrue(sla.stream().allMatch(s -> "RUNNING".equals(s.get("status"))), "SLA statuses of " + id + ": " + sla);
            }
        });
        // change-service shows its incident replica only on a change's linked incidents: link them all to one change
        String changeId = ScenariosTest.createOnceReplicated(() -> ScenariosTest.changeAs("faults-rita").body(Map.of("title", "Faults replica probe", "type", "NORMAL",
                "justification", "system test", "ciIds", List.of(service.get("ciId")), "implementationPlan", "apply",
                "backoutPlan", "revert", "testPlan", "smoke", "plannedStart", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS).toString(),
                "plannedEnd", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).toString())),
                "/api/v1/changes");
        for (String id : ids) {
            ScenariosTest.changeAs("faults-rita").body(Map.of("incidentId", id, "relation", "CAUSED_BY"))
                    .post("/api/v1/changes/" + changeId + "/incidents").then().statusCode(201); // a new link is created
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Map<String, Object>> links = ScenariosTest.changeAs("faults-rita").get("/api/v1/changes/" + changeId + "/incidents")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(ids.size(), links.size(), "linked incidents");
            List<Object> unknown = links.stream().filter(l -> l.get("number") == null).map(l -> l.get("incidentId")).toList();
            assertEquals(List.of(), unknown, "incidents missing from change-service's replica");
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
    void aBrokerOutageLosesDuplicatesAndDeadLettersNothing() {
        Map<String, String> service = serviceWithTwoTimersPerIncident("sys-outage");
        String serviceId = service.get("serviceId");
        Stack stack = Suite.stack();
        List<String> ids = new ArrayList<>();
        Map<TopicPartition, Long> deadLetters = DeadLetters.mark();
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
        assertEveryConsumerAppliedEveryIncident(ids, service, deadLetters);
    }

    @Test
    @Order(3)
    void killingSlaServiceMidStreamLeavesNoMissingOrDuplicateTimers() throws Exception {
        String serviceId = serviceWithTwoTimersPerIncident("sys-crash").get("serviceId");
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
    void aDatabaseRestartUnderLoadMakesServicesUnreadyThenRecoversWithoutLosingOrDeadLetteringAnything() throws Exception {
        Map<String, String> service = serviceWithTwoTimersPerIncident("sys-dbrestart");
        String serviceId = service.get("serviceId");
        Stack stack = Suite.stack();
        Map<TopicPartition, Long> deadLetters = DeadLetters.mark();
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
        assertEveryConsumerAppliedEveryIncident(new ArrayList<>(acknowledged), service, deadLetters);
        System.out.printf("database restart: %d acknowledged incidents, none lost%n", acknowledged.size());
    }

    /** How long sla-service's database refuses connections in the scenario below. */
    static final Duration SLA_DATABASE_OUTAGE = Duration.ofSeconds(15);

    @Test
    @Order(5)
    void slaServicesDatabaseRefusingConnectionsWhileIncidentsAreOpenedLosesAndDeadLettersNothing() throws Exception {
        Map<String, String> service = serviceWithTwoTimersPerIncident("sys-sladb");
        Stack stack = Suite.stack();
        Map<TopicPartition, Long> deadLetters = DeadLetters.mark();
        List<String> ids = new ArrayList<>();
        AtomicBoolean sawUnready = new AtomicBoolean(false);
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        try (Connection superuser = DriverManager.getConnection(stack.jdbcUrl("postgres"), stack.dbUser(), stack.dbPassword());
                Statement sql = superuser.createStatement()) {
            try {
                // only sla-service's database goes away; incident-service (its own database) keeps accepting incidents
                sql.execute("alter database itsm_sla allow_connections false");
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'itsm_sla'");
                Instant refusedUntil = Instant.now().plus(SLA_DATABASE_OUTAGE);
                probe.scheduleAtFixedRate(() -> {
                    if (!stack.isReady("sla-service")) {
                        sawUnready.set(true);
                    }
                }, 0, 200, TimeUnit.MILLISECONDS);
                for (int i = 0; i < 10; i++) {
                    Response r = as("sladb-agent", "itsm-agent").body(ScenariosTest.incident(service.get("serviceId"), "MEDIUM", "LOW"))
                            .post("/api/v1/incidents");
                    assertEquals(201, r.statusCode(), "incident-service is unaffected by sla-service's database: " + r.asString());
                    ids.add(r.path("id"));
                }
                // the outage lasts its full length, and long enough for sla-service to have reported it
                await().atMost(SLA_DATABASE_OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> sawUnready.get() && !Instant.now().isBefore(refusedUntil));
            } finally {
                sql.execute("alter database itsm_sla allow_connections true");
            }
        } finally {
            probe.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> stack.isReady("sla-service"));
        assertEveryConsumerAppliedEveryIncident(ids, service, deadLetters);
        assertTrue(sawUnready.get(), "sla-service reported not-ready while its database refused connections");
    }
}
