package dev.itsm.systemtests;

import static dev.itsm.systemtests.Suite.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.systemtests.WebhookReceiver.Mode;
import dev.itsm.systemtests.WebhookReceiver.Request;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue #21 "webhook-service" as an integrator meets it: subscriptions made through the gateway,
 * deliveries to a real HTTP endpoint in this JVM that fails (503, then 500), hangs past the
 * service's timeout and recovers, checked against the Kafka topic the events came from.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksTest {

    static final String INTEGRATION_ADMIN = "itsm-integration-admin";
    static final String SUBSCRIPTIONS = "/api/v1/webhooks/subscriptions";
    static final String INCIDENT_TOPIC = "itsm.incident.events";
    static final String WEBHOOK_TOPIC = "itsm.webhook.events";
    /** Longer than the service waits for a subscriber here ({@link Suite#WEBHOOK_DELIVERY_TIMEOUT}). */
    static final Duration HOLD = Suite.WEBHOOK_DELIVERY_TIMEOUT.plusSeconds(3);
    static final Duration DEADLINE = Duration.ofSeconds(90);

    static final List<WebhookReceiver> receivers = new ArrayList<>();
    static final List<String> subscriptions = new ArrayList<>();

    @BeforeAll
    static void suite() {
        Suite.stack();
    }

    /** A subscription left behind would keep retrying to a closed port while the later tests run. */
    @AfterAll
    static void cleanUp() {
        for (String id : subscriptions) {
            as("wh-admin", INTEGRATION_ADMIN).delete(SUBSCRIPTIONS + "/" + id);
        }
        receivers.forEach(WebhookReceiver::close);
    }

    /** A Standard Webhooks secret of the client's own: the receiver knows it before the first request can come. */
    static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    static WebhookReceiver receiver(String secret, Mode mode) throws Exception {
        WebhookReceiver r = new WebhookReceiver(secret, mode, HOLD);
        receivers.add(r);
        return r;
    }

    static String subscribe(String name, String targetUrl, List<String> eventTypes, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "system test receiver");
        body.put("targetUrl", targetUrl);
        body.put("eventTypes", eventTypes);
        body.put("secret", secret);
        Response created = as("wh-admin", INTEGRATION_ADMIN).body(body).post(SUBSCRIPTIONS);
        assertEquals(201, created.statusCode(), created.asString());
        String id = created.path("id");
        subscriptions.add(id);
        assertEquals("ACTIVE", created.path("state"));
        return id;
    }

    // ------------------------------------------------------------------ the big one

    @Test
    @Order(1)
    void aReceiverThatFailsHangsAndRecoversGetsEveryIncidentEventOnceInTopicOrderSignedAndAsOnTheTopic() throws Exception {
        String secret = secret();
        WebhookReceiver receiver = receiver(secret, Mode.UNAVAILABLE);
        String subscription = subscribe("System test: every incident event", receiver.url(), List.of("dev.itsm.incident.*"), secret);

        JsonPath unavailable = as("wh-admin", INTEGRATION_ADMIN).post(SUBSCRIPTIONS + "/" + subscription + "/ping")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(503, unavailable.getInt("status"), "ping reports the receiver's answer: " + unavailable.prettify());

        Map<String, String> svc = ScenariosTest.liveServiceWithCi("sys-webhooks");
        Set<String> incidents = new LinkedHashSet<>();
        Predicate<Request> ours = r -> incidents.contains(r.header("ce-subject"));

        // 503 (with Retry-After) while the first two incidents are opened and moved
        String a = open(svc, incidents);
        move(a, "acknowledge");
        move(a, "resolve");
        String b = open(svc, incidents);
        awaitAnswers(receiver, ours, 503, 3);

        receiver.mode(Mode.FAILING);
        move(b, "acknowledge");
        String c = open(svc, incidents);
        awaitAnswers(receiver, ours, 500, 3);

        receiver.mode(Mode.HANGING);
        String d = open(svc, incidents);
        move(b, "resolve");
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> receiver.requests(ours.and(r -> r.status() == null)).size() >= 2);

        receiver.mode(Mode.ACCEPTING);
        move(c, "acknowledge");
        move(d, "acknowledge");
        move(c, "resolve");
        move(d, "resolve");
        JsonPath accepting = as("wh-admin", INTEGRATION_ADMIN).post(SUBSCRIPTIONS + "/" + subscription + "/ping")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(204, accepting.getInt("status"), accepting.prettify());

        // every event of the four incidents on the topic, each acknowledged by the receiver
        AtomicReference<List<Received>> onTopic = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            onTopic.set(WholeTopic.read(Suite.bootstrap(), INCIDENT_TOPIC).stream()
                    .filter(r -> incidents.contains(r.key())).toList());
            Set<String> acknowledged = receiver.requests(Request::acknowledged).stream().map(Request::webhookId)
                    .collect(Collectors.toSet());
            return onTopic.get().size() >= 12 && onTopic.get().stream().allMatch(r -> acknowledged.contains(r.header("ce_id")));
        });
        List<Received> events = onTopic.get();
        List<Request> all = receiver.requests();

        assertEquals(List.of(), all.stream().filter(r -> r.signatureProblem() != null)
                .map(r -> r.webhookId() + ": " + r.signatureProblem()).toList(), "every request's signature verified");
        assertTrue(all.stream().anyMatch(r -> "dev.itsm.webhook.Ping".equals(r.header("ce-type"))), "the pings came, signed");

        Map<String, List<Request>> byEvent = all.stream().collect(Collectors.groupingBy(Request::webhookId));
        for (Received e : events) {
            String ceId = e.header("ce_id");
            List<Request> acks = byEvent.get(ceId).stream().filter(Request::acknowledged).toList();
            assertEquals(1, acks.size(), "acknowledged exactly once: " + e.ceType() + " " + ceId);
            Request ack = acks.get(0);
            for (String attribute : List.of("id", "type", "source", "subject")) {
                assertEquals(e.header("ce_" + attribute), ack.header("ce-" + attribute), "ce-" + attribute + " of " + ceId);
            }
            assertEquals("1.0", ack.header("ce-specversion"));
            assertTrue(ack.header("content-type").startsWith("application/json"), ack.header("content-type"));
            assertEquals(OpenApiFuzzer.JSON.readTree(e.value()), OpenApiFuzzer.JSON.readTree(ack.body()),
                    "the body is the record's value: " + ceId);
        }

        // per incident, acknowledged in the order of the topic
        for (String incident : incidents) {
            List<String> topicOrder = events.stream().filter(e -> incident.equals(e.key())).map(e -> e.header("ce_id")).toList();
            List<String> ackOrder = all.stream().filter(r -> r.acknowledged() && incident.equals(r.header("ce-subject")))
                    .map(Request::webhookId).toList();
            assertEquals(topicOrder, ackOrder, "incident " + incident + " delivered in topic order");
        }

        // the delivery log: one delivery per event, final (DELIVERED), so no later attempt can make a second 2xx;
        // and for the retried ones, every failed attempt with its status as the receiver answered it, then the 2xx
        Map<String, List<JsonNode>> log = deliveries(subscription);
        Set<Integer> failures = new java.util.TreeSet<>();
        int retried = 0;
        for (Received e : events) {
            String ceId = e.header("ce_id");
            List<JsonNode> logged = log.getOrDefault(ceId, List.of());
            assertEquals(1, logged.size(), "one delivery of " + ceId + " in the log: " + logged);
            JsonNode delivery = logged.get(0);
            assertEquals("DELIVERED", delivery.path("state").asText(), delivery.toString());
            assertEquals("EVENT", delivery.path("reason").asText(), delivery.toString());
            List<Request> seen = byEvent.get(ceId);
            assertEquals(seen.size(), delivery.path("attempts").asInt(), "attempts of " + ceId + ": " + delivery);
            if (seen.size() == 1) {
                continue;
            }
            retried++;
            JsonNode detail = OpenApiFuzzer.JSON.readTree(as("wh-admin", INTEGRATION_ADMIN)
                    .get(SUBSCRIPTIONS + "/" + subscription + "/deliveries/" + delivery.path("id").asText())
                    .then().statusCode(200).extract().asString());
            List<Integer> statuses = new ArrayList<>();
            for (JsonNode attempt : attemptLog(detail)) {
                boolean noResponse = attempt.path("status").isNull() || attempt.path("status").isMissingNode();
                statuses.add(noResponse ? null : attempt.path("status").asInt());
                if (noResponse) {
                    assertFalse(attempt.path("error").asText("").isBlank(), "a timed-out attempt says why: " + attempt);
                }
            }
            assertEquals(seen.stream().map(Request::status).toList(), statuses, "attempts of " + ceId + " as the receiver answered them");
            seen.stream().map(Request::status).filter(s -> s != null && s >= 300).forEach(failures::add);
        }
        System.out.printf("webhooks: %d events of %d incidents, %d requests to the receiver (%s), %d retried%n", events.size(),
                incidents.size(), all.size(), all.stream().collect(Collectors.groupingBy(r -> String.valueOf(r.status()),
                        java.util.TreeMap::new, Collectors.counting())), retried);
        Request sample = byEvent.get(events.get(0).header("ce_id")).stream().filter(Request::acknowledged).findFirst().orElseThrow();
        System.out.println("a signed delivery as received:\n" + new java.util.TreeMap<>(sample.headers()).entrySet().stream()
                .filter(h -> h.getKey().startsWith("ce-") || h.getKey().startsWith("webhook-") || h.getKey().equals("content-type"))
                .map(h -> h.getKey() + ": " + h.getValue()).collect(Collectors.joining("\n")) + "\n\n" + sample.body());
        assertTrue(retried >= 2, "the early events were retried: " + retried);
        assertTrue(failures.containsAll(List.of(500, 503)), "503s and 500s logged: " + failures);
        assertTrue(all.stream().anyMatch(r -> ours.test(r) && r.status() == null), "an attempt timed out");
    }

    static String open(Map<String, String> svc, Set<String> incidents) {
        String id = ScenariosTest.openIncident("wh-agent", ScenariosTest.incident(svc.get("serviceId"), "LOW", "MEDIUM"));
        incidents.add(id);
        return id;
    }

    static void move(String incident, String command) {
        Map<String, Object> body = command.equals("resolve")
                ? Map.of("resolutionCode", "WORKAROUND", "notes", "Restarted the relay")
                : null;
        ScenariosTest.command("wh-agent", incident, command, body).then().statusCode(200);
    }

    static void awaitAnswers(WebhookReceiver receiver, Predicate<Request> ours, int status, int count) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> receiver.requests(ours.and(r -> r.status() != null && r.status() == status)).size() >= count);
    }

    /** A delivery's attempts, first first: {@code DeliveryDetailView.attemptLog} ({@code attempts} is their count). */
    static JsonNode attemptLog(JsonNode detail) {
        JsonNode log = detail.path("attemptLog");
        assertTrue(log.isArray(), "attemptLog in " + detail);
        return log;
    }

    /** The whole delivery log of a subscription (every page), by event id. */
    static Map<String, List<JsonNode>> deliveries(String subscription) throws Exception {
        Map<String, List<JsonNode>> byEvent = new HashMap<>();
        String cursor = null;
        do {
            var request = as("wh-admin", INTEGRATION_ADMIN).queryParam("size", 200);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonNode page = OpenApiFuzzer.JSON.readTree(request.get(SUBSCRIPTIONS + "/" + subscription + "/deliveries")
                    .then().statusCode(200).extract().asString());
            for (JsonNode d : page.path("items")) {
                byEvent.computeIfAbsent(d.path("eventId").asText(), k -> new ArrayList<>()).add(d);
            }
            cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (cursor != null);
        return byEvent;
    }

    // ------------------------------------------------------------------ 410, validation, roles

    @Test
    @Order(2)
    void aReceiverAnswering410GetsItsSubscriptionDisabledAndAnnounced() throws Exception {
        String secret = secret();
        WebhookReceiver gone = receiver(secret, Mode.GONE);
        String subscription = subscribe("System test: an endpoint that is gone", gone.url(),
                List.of("dev.itsm.incident.IncidentOpened"), secret);
        Map<String, String> svc = ScenariosTest.liveServiceWithCi("sys-webhooks-gone");
        open(svc, new LinkedHashSet<>());
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as("wh-admin", INTEGRATION_ADMIN).get(SUBSCRIPTIONS + "/" + subscription).then().statusCode(200)
                        .body("state", equalTo("DISABLED")));
        List<Received> disabled = TopicReader.await(Suite.bootstrap(), WEBHOOK_TOPIC, 1, Duration.ofSeconds(30),
                r -> subscription.equals(r.key()) && "dev.itsm.webhook.WebhookSubscriptionDisabled".equals(r.ceType()));
        assertEquals(1, disabled.size(), "WebhookSubscriptionDisabled once");
        assertEquals("/itsm/webhook-service", disabled.get(0).header("ce_source"));
        assertEquals(subscription, disabled.get(0).header("ce_subject"));
        JsonNode payload = OpenApiFuzzer.JSON.readTree(disabled.get(0).value());
        assertEquals(subscription, payload.path("subscriptionId").asText());
        assertEquals(410, payload.path("lastStatus").asInt(), payload.toString());
        assertTrue(gone.requests().stream().allMatch(r -> r.signatureProblem() == null), "signed");
        assertTrue(gone.requests().stream().anyMatch(r -> Integer.valueOf(410).equals(r.status())));
    }

    @Test
    @Order(3)
    void anUnknownEventTypeIsA400NamingIt() {
        as("wh-admin", INTEGRATION_ADMIN).body(Map.of("name", "Typo", "targetUrl", "http://127.0.0.1:9/hooks",
                        "eventTypes", List.of("dev.itsm.incident.IncidentOpened", "dev.itsm.incident.IncidentExploded")))
                .post(SUBSCRIPTIONS).then().statusCode(400).contentType("application/problem+json")
                .body(containsString("dev.itsm.incident.IncidentExploded"));
    }

    @Test
    @Order(4)
    void anAgentMayNeitherReadNorWriteSubscriptions() {
        as("wh-agent", ScenariosTest.AGENT).get(SUBSCRIPTIONS).then().statusCode(403).contentType("application/problem+json");
        as("wh-agent", ScenariosTest.AGENT).body(Map.of("name", "Mine", "targetUrl", "http://127.0.0.1:9/hooks",
                "eventTypes", List.of("dev.itsm.incident.*"))).post(SUBSCRIPTIONS)
                .then().statusCode(403).contentType("application/problem+json");
    }
}
