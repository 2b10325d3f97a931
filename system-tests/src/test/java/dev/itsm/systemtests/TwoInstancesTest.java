package dev.itsm.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.deploy.Stack;
import dev.itsm.systemtests.RequestStream.Call;
import dev.itsm.testing.TopicReader.Received;
import io.restassured.response.Response;

/**
 * Issue #15 "More than one machine": two instances of every service on one database and one
 * consumer group each, the gateway spreading requests over both. A stream of requests runs while
 * the instance of each service that holds the outbox relay is killed ({@code kill -9}) and
 * restarted. Afterwards, from the topics (read whole) and the REST API: every event published once
 * (unique {@code ce_id}s; the relay moved to the survivor), every consumer effect applied once
 * (two timers per incident in sla-service, two entries and two breach notes per incident in
 * incident-service, change-service knows every incident), each SLA warning and breach announced
 * once and every due one announced, nothing dead-lettered, and no request lost but one in flight
 * at a kill. Its own stack: the shared {@link Suite} is stopped first so that two stacks never
 * share the two cores.
 */
@Order(4)
class TwoInstancesTest {

    static final List<String> SERVICES = List.of("catalog-service", "incident-service", "sla-service", "change-service");
    static final List<String> METRICS = List.of("TIME_TO_RESPOND", "TIME_TO_RESOLVE");
    /** Short P2 targets: every incident of the stream warns (50 %, 75 %) and breaches during the test. */
    static final Map<String, String> P2_TARGETS = Map.of("TIME_TO_RESPOND", "PT4S", "TIME_TO_RESOLVE", "PT8S");
    static final List<Integer> WARNING_THRESHOLDS = List.of(50, 75);
    static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Stack stack;
    private static GatewayClient gateway;

    @BeforeAll
    static void startTwoInstancesOfEveryService() {
        Suite.stop();
        Path module = Path.of("").toAbsolutePath();
        Stack.Options options = Stack.Options.isolated(Suite.root(), module.resolve("target/two-instances"), System.out)
                .withEnv(Map.of(
                        "ITSM_RATE_LIMIT", "100000",
                        "ITSM_RATE_LIMIT_PERIOD", "1m",
                        // the safety-net poll is what finds, quickly, timers the killed instance had in its wake-up queue
                        "SLA_SCHEDULER_INTERVAL", "1s"));
        for (String service : SERVICES) {
            options = options.withInstances(service, 2);
        }
        Stack s = new Stack(options);
        try {
            s.start(null, null, null, null);
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("The two-instance stack did not start; see target/two-instances/logs", e);
        }
        stack = s;
        gateway = new GatewayClient(s);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** A P2 incident (impact HIGH, urgency MEDIUM): high enough that incident-service notes each breach in its history. */
    static Map<String, Object> incident(String serviceId) {
        Map<String, Object> body = ScenariosTest.incident(serviceId, "HIGH", "MEDIUM");
        body.put("title", "Two instances " + UUID.randomUUID());
        return body;
    }

    @Test
    void twoInstancesOfEveryServiceShareTheLoadAndOneKilledMidStreamLosesAndRepeatsNothing() throws Exception {
        Map<String, String> ids = serviceCiAndShortAgreement();
        RequestStream stream = new RequestStream(gateway, ids.get("serviceId"), ids.get("ciId")).start(Duration.ofMillis(200));
        List<String> victims = new ArrayList<>();
        Map<String, long[]> killedAt = new LinkedHashMap<>();
        Map<String, Long> servedBeforeKill = new LinkedHashMap<>();
        try {
            awaitRounds(stream, 15);
            for (String service : SERVICES) {
                victims.add(relayHolder(service));
            }
            for (String instance : stack.instances()) {
                // the doubled services only: the stream sends webhook-service (one instance here) no request
                if (SERVICES.contains(Stack.componentOf(instance))) {
                    servedBeforeKill.put(instance, InstanceMetrics.apiRequests(stack.url(instance)));
                }
            }
            for (String victim : victims) {
                long from = System.nanoTime();
                stack.faults().kill(victim);
                killedAt.put(Stack.componentOf(victim), new long[] { from, System.nanoTime() });
            }
            System.out.println("==> killed (kill -9) the relay holders " + victims + " after " + stream.rounds() + " rounds");
            for (String victim : victims) {
                String survivor = otherInstance(victim);
                await("the relay moves to " + survivor).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> InstanceMetrics.relayActive(stack.url(survivor)));
            }
            awaitRounds(stream, stream.rounds() + 5);
            stack.faults().restart(victims.toArray(String[]::new));
            System.out.println("==> restarted " + victims + " after " + stream.rounds() + " rounds");
            awaitRounds(stream, stream.rounds() + 15);
        } finally {
            stream.close();
        }

        List<Call> calls = stream.calls();
        assertBothInstancesServed(servedBeforeKill, victims);
        assertEveryRelayMovedOnce(victims);

        List<String> incidents = stream.acknowledged("incident-service");
        Map<String, List<Received>> topics = topicsOnceEveryBreachIsAnnounced(incidents);
        assertEveryEventPublishedOnce(topics, stream);
        assertEveryWarningAndBreachAnnouncedOnce(topics.get("itsm.sla.events"), incidents);
        assertEveryConsumerEffectOnce(incidents, stream.acknowledged("change-service").get(0));
        assertEquals(List.of(), DeadLetters.since(stack.kafkaBootstrapServers(), Map.of()), "records dead-lettered");
        // last, so that a lost request does not hide what the events and consumers show
        assertOnlyRequestsInFlightAtAKillFailed(calls, killedAt);
        System.out.printf("==> two instances: %d requests (%d incidents), %d failed, all in flight at a kill%n", calls.size(),
                incidents.size(), calls.stream().filter(c -> !c.succeeded()).count());
    }

    // ------------------------------------------------------------------ set-up

    /** A LIVE service with a CI, an agreement with short P2 targets, and every replica that needs them caught up. */
    private static Map<String, String> serviceCiAndShortAgreement() {
        String serviceId = create(Map.of("key", "two-instances", "name", "Two instances", "type", "BUSINESS",
                "owner", "ops-team", "utility", "Lets people work"), "/api/v1/catalog/services", "itsm-catalog-admin");
        await("go-live").atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response r = gateway.as("cat-admin", "itsm-catalog-admin").post("/api/v1/catalog/services/" + serviceId + "/go-live");
            return r.statusCode() == 200 || (r.statusCode() == 409 && "LIVE".equals(gateway.as("cat-admin", "itsm-catalog-admin")
                    .get("/api/v1/catalog/services/" + serviceId).path("status")));
        });
        String ciId = create(Map.of("name", "two-instances-app-01", "ciClass", "application", "environment", "production"),
                "/api/v1/catalog/cis", "itsm-catalog-admin");
        List<Map<String, String>> targets = P2_TARGETS.entrySet().stream()
                .map(t -> Map.of("metric", t.getKey(), "priority", "P2", "duration", t.getValue())).toList();
        create(Map.of("name", "Two instances SLA", "type", "SLA", "scope", Map.of("allServices", false, "serviceIds",
                List.of(serviceId)), "targets", targets, "warningThresholds", WARNING_THRESHOLDS), "/api/v1/sla/agreements",
                "itsm-sla-admin");
        // incident-service and change-service have replicated the service and the CI before the stream starts
        String first = create(incident(serviceId), "/api/v1/incidents", "itsm-agent");
        Instant slot = Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.HOURS);
        create(Map.of("title", "Replica probe", "type", "NORMAL", "justification", "two instances", "ciIds", List.of(ciId),
                "implementationPlan", "apply", "backoutPlan", "revert", "testPlan", "smoke", "plannedStart", slot.toString(),
                "plannedEnd", slot.plus(Duration.ofHours(1)).toString()), "/api/v1/changes", "itsm-agent", "itsm-change-manager");
        await("the first incident's timers").atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> timers(first).size() == METRICS.size());
        return Map.of("serviceId", serviceId, "ciId", ciId);
    }

    /**
     * Creates {@code body} at {@code path} for the set-up, retrying — with one {@code Idempotency-Key},
     * so a create whose answer was lost is not made twice — while a replica has not seen the ids it
     * names yet (422) or freshly started JVMs answer too slowly (502–504). The stream under test
     * never retries.
     */
    private static String create(Map<String, ?> body, String path, String... roles) {
        String key = UUID.randomUUID().toString();
        String[] id = new String[1];
        await("POST " + path).atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response r = gateway.as("setup", roles).header("Idempotency-Key", key).body(body).post(path);
            if (r.statusCode() == 201) {
                id[0] = r.path("id");
                return true;
            }
            assertTrue(r.statusCode() == 422 || r.statusCode() >= 502, "only a replica catching up or a slow start may delay "
                    + "the set-up: " + r.statusCode() + " " + r.asString());
            return false;
        });
        return id[0];
    }

    // ------------------------------------------------------------------ the instances

    /** The instance of {@code service} whose outbox relay is active (exactly one of them). */
    private static String relayHolder(String service) {
        List<String> holders = new ArrayList<>();
        await("one relay holder of " + service).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            holders.clear();
            stack.instances(service).stream().filter(i -> InstanceMetrics.relayActive(stack.url(i))).forEach(holders::add);
            return holders.size() == 1;
        });
        return holders.get(0);
    }

    private static String otherInstance(String instance) {
        return stack.instances(Stack.componentOf(instance)).stream().filter(i -> !i.equals(instance)).findFirst().orElseThrow();
    }

    private static void awaitRounds(RequestStream stream, int rounds) {
        await(rounds + " rounds of requests").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> stream.rounds() >= rounds);
    }

    // ------------------------------------------------------------------ requests

    /**
     * The stream sends one request at a time: a request may fail only when it was in flight while
     * an instance of its service was being killed — at most one per kill. Anything else (a request
     * routed to the dead instance, a circuit opened for the whole service, an error from the
     * survivor) is a request lost.
     */
    private static void assertOnlyRequestsInFlightAtAKillFailed(List<Call> calls, Map<String, long[]> killedAt) {
        List<Call> failed = calls.stream().filter(c -> !c.succeeded()).toList();
        List<Call> unexplained = failed.stream().filter(c -> {
            long[] kill = killedAt.get(c.service());
            return kill == null || !c.inFlightDuring(kill[0], kill[1]);
        }).toList();
        assertEquals(List.of(), unexplained, "requests that failed though not in flight at a kill (of " + calls.size() + ")");
        assertTrue(failed.size() <= killedAt.size(), "at most one request lost per kill: " + failed);
        for (String service : SERVICES) {
            assertTrue(calls.stream().anyMatch(c -> c.service().equals(service) && c.succeeded()
                    && c.startNanos() > killedAt.get(service)[1]), service + " answered after the kill");
        }
    }

    /**
     * Traffic went to both instances of every service before the kill, and to the restarted instance
     * again after its restart (its counters start from zero).
     */
    private static void assertBothInstancesServed(Map<String, Long> servedBeforeKill, List<String> victims) {
        servedBeforeKill.forEach((instance, served) -> assertTrue(served > 0,
                instance + " served no API request before the kill: " + servedBeforeKill));
        Map<String, Long> afterRestart = victims.stream()
                .collect(Collectors.toMap(Function.identity(), v -> InstanceMetrics.apiRequests(stack.url(v))));
        afterRestart.forEach((instance, served) -> assertTrue(served > 0,
                instance + " served no API request after its restart: the gateway did not take it back: " + afterRestart));
        System.out.println("==> API requests per instance before the kill " + servedBeforeKill + ", restarted ones since " + afterRestart);
    }

    /** The survivors took the relay over; the restarted instances did not take it back (one holder each). */
    private static void assertEveryRelayMovedOnce(List<String> victims) {
        for (String victim : victims) {
            assertEquals(otherInstance(victim), relayHolder(Stack.componentOf(victim)), "relay of " + Stack.componentOf(victim));
        }
    }

    // ------------------------------------------------------------------ topics

    /**
     * Every topic read whole, once the scheduler has announced the breach of both timers of every
     * acknowledged incident (their targets are seconds long, so all of them are due by now or soon).
     */
    private static Map<String, List<Received>> topicsOnceEveryBreachIsAnnounced(List<String> incidents) {
        Set<String> mine = Set.copyOf(incidents);
        await("SlaBreached for both timers of every incident").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<Received> sla = WholeTopic.read(stack.kafkaBootstrapServers(), "itsm.sla.events");
            return sla.stream().filter(r -> "dev.itsm.sla.SlaBreached".equals(r.ceType()) && mine.contains(r.key()))
                    .map(r -> payload(r).path("timerId").asText()).distinct().count() >= (long) METRICS.size() * incidents.size();
        });
        Map<String, List<Received>> topics = new LinkedHashMap<>();
        for (String topic : List.of("itsm.incident.events", "itsm.catalog.events", "itsm.change.events", "itsm.sla.events")) {
            topics.put(topic, WholeTopic.read(stack.kafkaBootstrapServers(), topic));
        }
        return topics;
    }

    /**
     * No {@code ce_id} twice on any topic, and each thing the stream created was announced exactly
     * once: an incident's {@code IncidentOpened}, a CI's first {@code ConfigurationItemChanged}, a
     * change's {@code ChangeRequested} — also for a create whose answer was lost to a kill (at most
     * once then), and never for nothing.
     */
    private static void assertEveryEventPublishedOnce(Map<String, List<Received>> topics, RequestStream stream) {
        topics.forEach((topic, records) -> {
            Map<String, Long> perId = records.stream().collect(Collectors.groupingBy(Received::ceId, Collectors.counting()));
            perId.values().removeIf(n -> n == 1);
            assertEquals(Map.of(), perId, "ce_id published more than once on " + topic);
        });
        assertCreatedOnce(topics.get("itsm.incident.events"), "dev.itsm.incident.IncidentOpened", stream.acknowledged("incident-service"));
        assertCreatedOnce(topics.get("itsm.catalog.events"), "dev.itsm.catalog.ConfigurationItemChanged",
                stream.acknowledged("catalog-service"));
        assertCreatedOnce(topics.get("itsm.change.events"), "dev.itsm.change.ChangeRequested", stream.acknowledged("change-service"));
    }

    private static void assertCreatedOnce(List<Received> records, String type, List<String> acknowledged) {
        Map<String, Long> perKey = records.stream().filter(r -> type.equals(r.ceType()))
                .collect(Collectors.groupingBy(Received::key, Collectors.counting()));
        for (String id : acknowledged) {
            assertEquals(1L, perKey.getOrDefault(id, 0L), type + " of " + id);
        }
        Map<String, Long> repeated = new HashMap<>(perKey);
        repeated.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), repeated, type + " published more than once");
    }

    /**
     * One {@code SlaTimerStarted} per incident and metric; each warning threshold at most once (a
     * timer found past its target — e.g. started late while a consumer took over partitions — skips
     * the warnings it missed, by design); the breach of every timer exactly once (all are due: the
     * targets are seconds long); nothing for a timer that was never started.
     */
    private static void assertEveryWarningAndBreachAnnouncedOnce(List<Received> sla, List<String> incidents) {
        Map<String, Long> started = count(sla, "dev.itsm.sla.SlaTimerStarted", p -> p.path("incidentId").asText() + "/" + p.path("metric").asText());
        Map<String, Long> warnings = count(sla, "dev.itsm.sla.SlaWarning", p -> p.path("timerId").asText() + "@" + p.path("thresholdPercent").asInt());
        Map<String, Long> breaches = count(sla, "dev.itsm.sla.SlaBreached", p -> p.path("timerId").asText());
        Map<String, String> timerOf = new HashMap<>();
        sla.stream().filter(r -> "dev.itsm.sla.SlaTimerStarted".equals(r.ceType())).map(TwoInstancesTest::payload)
                .forEach(p -> timerOf.put(p.path("incidentId").asText() + "/" + p.path("metric").asText(), p.path("timerId").asText()));
        for (Map<String, Long> announced : List.of(started, warnings, breaches)) {
            Map<String, Long> repeated = new HashMap<>(announced);
            repeated.values().removeIf(n -> n == 1);
            assertEquals(Map.of(), repeated, "announced more than once");
        }
        for (String incident : incidents) {
            for (String metric : METRICS) {
                String timer = timerOf.get(incident + "/" + metric);
                assertNotNull(timer, "SlaTimerStarted for " + metric + " of " + incident);
                assertEquals(1L, breaches.getOrDefault(timer, 0L), "SlaBreached of " + metric + " of " + incident);
            }
        }
        Set<String> timers = Set.copyOf(timerOf.values());
        assertTrue(timers.containsAll(breaches.keySet()), "SlaBreached only for started timers");
        assertTrue(timers.containsAll(warnings.keySet().stream().map(w -> w.substring(0, w.indexOf('@'))).toList()),
                "SlaWarning only for started timers");
        System.out.printf("==> sla: %d timers started, %d warnings, %d breaches, each once%n", started.size(), warnings.size(),
                breaches.size());
    }

    private static Map<String, Long> count(List<Received> records, String type, Function<JsonNode, String> key) {
        return records.stream().filter(r -> type.equals(r.ceType())).map(TwoInstancesTest::payload)
                .collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static JsonNode payload(Received r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    // ------------------------------------------------------------------ consumer effects

    /**
     * What each consumer made of the events, through the API: sla-service started exactly the two
     * timers of each incident; incident-service shows exactly those two, both breached, and noted
     * each breach once in the incident's history; change-service's incident replica knows every
     * incident (all linked to one change, each link showing the incident's number).
     */
    private static void assertEveryConsumerEffectOnce(List<String> incidents, String changeId) {
        Instant deadline = Instant.now().plus(DEADLINE);
        for (String id : incidents) {
            await("consumer effects of " + id).atMost(Duration.between(Instant.now(), deadline)).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> {
                        List<Map<String, Object>> timers = timers(id);
                        assertEquals(Set.copyOf(METRICS), timers.stream().map(t -> t.get("metric")).collect(Collectors.toSet()),
                                "timers of " + id + ": " + timers);
                        assertEquals(METRICS.size(), timers.size(), "timers of " + id + ": " + timers);
                        List<Map<String, Object>> shown = gateway.as("reader", "itsm-reader").get("/api/v1/incidents/" + id)
                                .then().statusCode(200).extract().jsonPath().getList("sla");
                        assertEquals(timers.stream().map(t -> t.get("id")).collect(Collectors.toSet()),
                                shown.stream().map(s -> s.get("timerId")).collect(Collectors.toSet()), "timers shown on " + id);
                        assertEquals(METRICS.size(), shown.size(), "timers shown on " + id + ": " + shown);
                        assertTrue(shown.stream().allMatch(s -> s.get("breachedAt") != null), "breaches shown on " + id + ": " + shown);
                        List<Map<String, Object>> history = gateway.as("reader", "itsm-reader").queryParam("size", 500)
                                .get("/api/v1/incidents/" + id + "/history").then().statusCode(200).extract().jsonPath().getList("items");
                        assertEquals(METRICS.size(), history.stream().filter(h -> "sla-breached".equals(h.get("action"))).count(),
                                "breach notes in the history of " + id + ": " + history);
                    });
        }
        for (String id : incidents) {
            gateway.as("rita", "itsm-agent", "itsm-change-manager").body(Map.of("incidentId", id, "relation", "CAUSED_BY"))
                    .post("/api/v1/changes/" + changeId + "/incidents").then().statusCode(201);
        }
        await("change-service's incident replica").atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Map<String, Object>> links = gateway.as("rita", "itsm-agent", "itsm-change-manager")
                    .get("/api/v1/changes/" + changeId + "/incidents").then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(incidents.size(), links.size(), "linked incidents");
            List<Object> unknown = links.stream().filter(l -> l.get("number") == null).map(l -> l.get("incidentId")).toList();
            assertEquals(List.of(), unknown, "incidents missing from change-service's replica");
        });
        assertFalse(incidents.isEmpty());
    }

    private static List<Map<String, Object>> timers(String incidentId) {
        return gateway.as("reader", "itsm-reader").queryParam("incidentId", incidentId).get("/api/v1/sla/timers")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }
}
