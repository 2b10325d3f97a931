package dev.itsm.webhook.delivery;

import static dev.itsm.webhook.subscription.SubscriptionTestSupport.BASE;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.WEBHOOK_TOPIC;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.body;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.create;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.integrator;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader;
import dev.itsm.webhook.AsyncApiContractTest;
import dev.itsm.webhook.delivery.TestReceiver.Behaviour;
import dev.itsm.webhook.delivery.TestReceiver.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Delivery end to end: events published on itsm.incident.events (as the incident service's relay would) reach a real
 * HTTP receiver that verifies every signature itself, through failures, timeouts, 410 and recovery.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class DeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestReceiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @AfterEach
    void resetClock() {
        TestClock.INSTANCE.reset();
    }

    /** A subscription to every incident event about {@code subjects}, at a fresh receiver path; returns {id, path}. */
    private static String[] subscribe(List<String> subjects) {
        String path = "/hooks/" + UUID.randomUUID();
        Map<String, Object> body = body("delivery test", receiver.url(path), List.of("dev.itsm.incident.*"));
        body.put("subjects", subjects);
        Map<String, Object> created = create(body);
        receiver.secret(path, (String) created.get("secret"));
        return new String[] { (String) created.get("id"), path };
    }

    private static String publish(String subject, int n) {
        return CloudEventPublisher.publish("incident", "IncidentUpdated", subject,
                Map.of("incidentId", subject, "sequence", n, "occurredAt", Instant.now().toString()));
    }

    private static JsonPath deliveries(String subscriptionId) {
        return integrator().get(BASE + "/" + subscriptionId + "/deliveries?size=500").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDeliveryIsTheCloudEventInHttpBinaryModeSignedForTheReceiver() throws Exception {
        String subject = UUID.randomUUID().toString();
        String[] sub = subscribe(List.of(subject));
        Map<String, Object> data = Map.of("incidentId", subject, "title", "Mail is down", "priority", "P1");
        String ceId = CloudEventPublisher.publish("incident", "IncidentOpened", subject, data);

        await().atMost(WAIT).until(() -> receiver.delivered(sub[1]).size() == 1);
        Received r = receiver.received(sub[1]).get(0);
        System.out.println("SIGNED DELIVERY " + new java.util.TreeMap<>(r.headers()) + "\n" + r.body());
        assertTrue(r.signatureValid(), "the receiver's own HMAC check accepts the signature");
        assertEquals("1.0", r.header("ce-specversion"));
        assertEquals(ceId, r.header("ce-id"));
        assertEquals("dev.itsm.incident.IncidentOpened", r.header("ce-type"));
        assertEquals("/itsm/incident-service", r.header("ce-source"));
        assertEquals(subject, r.header("ce-subject"));
        assertNotNull(Instant.parse(r.header("ce-time")));
        assertEquals("application/json", r.header("content-type"));
        assertEquals(ceId, r.header("webhook-id"));
        assertTrue(r.header("webhook-signature").startsWith("v1,"));
        assertEquals("itsm-webhook/1.0", r.header("user-agent"));
        assertEquals(JSON.valueToTree(data), JSON.readTree(r.body()));

        // the receiver answers before the service records the answer
        await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveries(sub[0]).getString("items[0].state")));
        JsonPath log = deliveries(sub[0]);
        assertEquals("EVENT", log.getString("items[0].reason"));
        assertEquals(200, log.getInt("items[0].lastStatus"));
        long id = log.getLong("items[0].id");
        integrator().get(BASE + "/" + sub[0] + "/deliveries/" + id).then().statusCode(200)
                .body("delivery.attempts", equalTo(1))
                .body("attemptLog[0].status", equalTo(200))
                .body("attemptLog[0].responsePrefix", equalTo("{\"answered\":200}"));
    }

    @Test
    void afterFailuresAndRecoveryEveryEventArrivesOnceAndInOrderPerSubject() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String[] sub = subscribe(List.of(a, b));
        receiver.behave(sub[1], Behaviour.status(500));
        List<String> idsA = new ArrayList<>();
        List<String> idsB = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            idsA.add(publish(a, i));
            idsB.add(publish(b, i));
        }
        await().atMost(WAIT).until(() -> receiver.received(sub[1]).size() >= 4);
        receiver.behave(sub[1], Behaviour.status(429, "1"));
        await().atMost(WAIT).until(() -> receiver.received(sub[1]).stream().anyMatch(r -> r.answered() == 429));
        receiver.behave(sub[1], Behaviour.ok());

        await().atMost(WAIT).until(() -> receiver.delivered(sub[1]).size() >= 10);
        Map<String, Integer> perId = receiver.deliveredPerWebhookId(sub[1]);
        assertEquals(10, perId.size());
        assertTrue(perId.values().stream().allMatch(n -> n == 1), "each event delivered exactly once: " + perId);
        assertTrue(receiver.received(sub[1]).stream().allMatch(Received::signatureValid));
        List<String> deliveredA = receiver.delivered(sub[1]).stream().filter(r -> a.equals(r.header("ce-subject")))
                .map(r -> r.header("ce-id")).toList();
        List<String> deliveredB = receiver.delivered(sub[1]).stream().filter(r -> b.equals(r.header("ce-subject")))
                .map(r -> r.header("ce-id")).toList();
        assertEquals(idsA, deliveredA, "subject a in publish order");
        assertEquals(idsB, deliveredB, "subject b in publish order");
        // a subject is attempted one delivery at a time: nothing of a subject arrived before its predecessor was delivered
        assertEquals(List.of(), receiver.received(sub[1]).stream()
                .filter(r -> r.answered() != 200 && !idsA.get(0).equals(r.header("ce-id")) && !idsB.get(0).equals(r.header("ce-id")))
                .map(r -> r.header("ce-id")).toList(), "only the heads were retried");
        // the receiver answers before the service records the answer
        await().atMost(WAIT).until(() -> deliveries(sub[0]).getList("items.state").stream().allMatch("DELIVERED"::equals));
        long firstA = receiver.received(sub[1]).stream().filter(r -> idsA.get(0).equals(r.header("ce-id"))).count();
        assertTrue(firstA > 1, "the head of subject a was retried");
    }

    @Test
    void aSlowSubscriberDoesNotDelayAnother() {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            subjects.add(UUID.randomUUID().toString());
        }
        String[] slow = subscribe(subjects);
        String[] fast = subscribe(subjects);
        CountDownLatch release = new CountDownLatch(1);
        receiver.behave(slow[1], Behaviour.hang(release));
        try {
            subjects.forEach(s -> publish(s, 0));
            await().atMost(WAIT).until(() -> receiver.delivered(fast[1]).size() == 8);
            // the slow one is held to its concurrency while the fast one got everything
            assertTrue(receiver.delivered(slow[1]).isEmpty());
        } finally {
            receiver.behave(slow[1], Behaviour.ok());
            release.countDown();
        }
        await().atMost(WAIT).until(() -> receiver.deliveredPerWebhookId(slow[1]).size() == 8);
    }

    @Test
    void goneDisablesTheSubscriptionWhichGetsNoNewDeliveriesAndItsDeliveryWaitsForAResume() {
        String subject = UUID.randomUUID().toString();
        String[] sub = subscribe(List.of(subject));
        receiver.behave(sub[1], Behaviour.status(410));
        String ceId = publish(subject, 0);

        await().atMost(WAIT).until(() -> "DISABLED".equals(integrator().get(BASE + "/" + sub[0]).jsonPath().getString("state")));
        List<TopicReader.Received> disabled = TopicReader.await(WEBHOOK_TOPIC, 1, WAIT,
                r -> "dev.itsm.webhook.WebhookSubscriptionDisabled".equals(r.ceType()) && sub[0].equals(r.key()));
        AsyncApiContractTest.assertDocumented(disabled);
        JsonNode payload = readTree(disabled.get(0).value());
        assertEquals(sub[0], payload.get("subscriptionId").asText());
        assertEquals(410, payload.get("lastStatus").asInt());
        assertEquals(receiver.url(sub[1]), payload.get("targetUrl").asText());
        JsonPath log = deliveries(sub[0]);
        assertEquals("PENDING", log.getString("items[0].state"));
        assertEquals(410, log.getInt("items[0].lastStatus"));

        // while disabled it gets no new deliveries (a second subscription shows the event was consumed)
        String[] watcher = subscribe(List.of(subject));
        String later = publish(subject, 1);
        await().atMost(WAIT).until(() -> receiver.deliveredPerWebhookId(watcher[1]).containsKey(later));
        assertEquals(1, deliveries(sub[0]).getList("items").size());

        receiver.behave(sub[1], Behaviour.ok());
        integrator().post(BASE + "/" + sub[0] + "/resume").then().statusCode(200);
        await().atMost(WAIT).until(() -> receiver.deliveredPerWebhookId(sub[1]).getOrDefault(ceId, 0) == 1);
    }

    @Test
    void aDeliveryDiesWhenItsRetryBudgetRunsOut() {
        String subject = UUID.randomUUID().toString();
        String[] sub = subscribe(List.of(subject));
        receiver.behave(sub[1], Behaviour.status(503));
        String ceId = publish(subject, 0);
        await().atMost(WAIT).until(() -> receiver.received(sub[1]).size() >= 1);
        // the test budget is 20 s: a minute later the next failure is the last (not an hour: Kafka refuses records
        // dated more than an hour ahead of the broker, log.message.timestamp.after.max.ms)
        TestClock.INSTANCE.advance(Duration.ofMinutes(1));

        await().atMost(WAIT).until(() -> "DEAD".equals(deliveries(sub[0]).getString("items[0].state")));
        List<TopicReader.Received> failed = TopicReader.await(WEBHOOK_TOPIC, 1, WAIT,
                r -> "dev.itsm.webhook.WebhookDeliveryFailed".equals(r.ceType()) && sub[0].equals(r.key()));
        AsyncApiContractTest.assertDocumented(failed);
        JsonNode payload = readTree(failed.get(0).value());
        assertEquals(ceId, payload.get("eventId").asText());
        assertEquals("dev.itsm.incident.IncidentUpdated", payload.get("eventType").asText());
        assertEquals(503, payload.get("lastStatus").asInt());
        assertEquals("HTTP 503", payload.get("lastError").asText());
        assertTrue(payload.get("attempts").asInt() >= 2);

        // a dead delivery no longer holds its subject back
        receiver.behave(sub[1], Behaviour.ok());
        String next = publish(subject, 1);
        await().atMost(WAIT).until(() -> receiver.deliveredPerWebhookId(sub[1]).getOrDefault(next, 0) == 1);
    }

    @Test
    void redeliverSendsAFinalDeliveryAgainWithTheSameWebhookId() {
        String subject = UUID.randomUUID().toString();
        String[] sub = subscribe(List.of(subject));
        String ceId = publish(subject, 0);
        await().atMost(WAIT).until(() -> receiver.delivered(sub[1]).size() == 1);
        await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveries(sub[0]).getString("items[0].state")));
        long id = deliveries(sub[0]).getLong("items[0].id");

        JsonPath queued = integrator().post(BASE + "/" + sub[0] + "/deliveries/" + id + "/redeliver").then().statusCode(202)
                .extract().jsonPath();
        assertEquals("REDELIVER", queued.getString("reason"));
        assertEquals(ceId, queued.getString("eventId"));
        await().atMost(WAIT).until(() -> receiver.deliveredPerWebhookId(sub[1]).get(ceId) == 2);
        // an open delivery cannot be redelivered; an unknown one is 404
        integrator().post(BASE + "/" + sub[0] + "/deliveries/999999999/redeliver").then().statusCode(404);
    }

    @Test
    void replayQueuesTheStoredEventsOfATimeRangeInOrder() {
        String subject = UUID.randomUUID().toString();
        String[] sub = subscribe(List.of(subject));
        Instant from = Instant.now().minusSeconds(1);
        List<String> ids = List.of(publish(subject, 0), publish(subject, 1), publish(subject, 2));
        await().atMost(WAIT).until(() -> receiver.delivered(sub[1]).size() == 3);
        Instant to = Instant.now().plusSeconds(1);

        integrator().body(Map.of("from", from.toString(), "to", to.toString())).post(BASE + "/" + sub[0] + "/replay")
                .then().statusCode(200).body("scheduled", equalTo(3));
        await().atMost(WAIT).until(() -> receiver.delivered(sub[1]).size() == 6);
        List<String> replayed = receiver.delivered(sub[1]).subList(3, 6).stream().map(r -> r.header("webhook-id")).toList();
        assertEquals(ids, replayed);

        integrator().body(Map.of("from", to.toString(), "to", from.toString())).post(BASE + "/" + sub[0] + "/replay")
                .then().statusCode(400);
        integrator().body(Map.of("from", from.minus(Duration.ofDays(8)).toString(), "to", to.toString()))
                .post(BASE + "/" + sub[0] + "/replay").then().statusCode(400);
    }

    @Test
    void pingSendsASignedPingNowAndAnswersWhatTheTargetSaid() {
        String[] sub = subscribe(List.of("nothing-matches-" + UUID.randomUUID()));
        JsonPath answer = integrator().post(BASE + "/" + sub[0] + "/ping").then().statusCode(200).extract().jsonPath();
        assertEquals(200, answer.getInt("status"));
        Received r = receiver.delivered(sub[1]).get(0);
        assertEquals("dev.itsm.webhook.Ping", r.header("ce-type"));
        assertTrue(r.signatureValid());
        assertEquals("PING", deliveries(sub[0]).getString("items[0].reason"));

        receiver.behave(sub[1], Behaviour.status(500));
        JsonPath failed = integrator().post(BASE + "/" + sub[0] + "/ping").then().statusCode(200).extract().jsonPath();
        assertEquals(500, failed.getInt("status"));
        assertEquals("HTTP 500", failed.getString("error"));
        assertEquals("DEAD", deliveries(sub[0]).getString("items[0].state"), "a ping is never retried");
    }

    @Test
    void aRedeliveredKafkaEventMakesNoSecondDelivery() {
        String subject = UUID.randomUUID().toString();
        String[] sub = subscribe(List.of(subject));
        String ceId = UUID.randomUUID().toString();
        Map<String, Object> data = Map.of("incidentId", subject);
        CloudEventPublisher.publish("incident", "IncidentUpdated", subject, ceId, data);
        CloudEventPublisher.publish("incident", "IncidentUpdated", subject, ceId, data);
        String marker = publish(subject, 1); // same key, same partition: consumed after the copy
        await().atMost(WAIT).until(() -> receiver.deliveredPerWebhookId(sub[1]).containsKey(marker));
        assertEquals(1, receiver.deliveredPerWebhookId(sub[1]).get(ceId));
        assertEquals(2, deliveries(sub[0]).getList("items").size());
    }

    @Test
    void aPausedSubscriptionCollectsDeliveriesAndADisabledOneGetsNone() {
        String subject = UUID.randomUUID().toString();
        String[] paused = subscribe(List.of(subject));
        integrator().post(BASE + "/" + paused[0] + "/pause").then().statusCode(200);
        String[] active = subscribe(List.of(subject));
        String ceId = publish(subject, 0);
        await().atMost(WAIT).until(() -> receiver.delivered(active[1]).size() == 1);
        assertEquals("PENDING", deliveries(paused[0]).getString("items[0].state"));
        assertFalse(receiver.deliveredPerWebhookId(paused[1]).containsKey(ceId));

        integrator().post(BASE + "/" + paused[0] + "/resume").then().statusCode(200);
        await().atMost(WAIT).until(() -> receiver.deliveredPerWebhookId(paused[1]).getOrDefault(ceId, 0) == 1);
    }

    @Test
    void theDeliveryLogIsKeysetPagedNewestFirstAndFiltered() {
        String subject = UUID.randomUUID().toString();
        String[] sub = subscribe(List.of(subject));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(publish(subject, i));
        }
        CloudEventPublisher.publish("incident", "IncidentResolved", subject, Map.of("incidentId", subject));
        await().atMost(WAIT).until(() -> receiver.delivered(sub[1]).size() == 6);

        JsonPath first = integrator().get(BASE + "/" + sub[0] + "/deliveries?size=2&eventType=dev.itsm.incident.IncidentUpdated")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(5, first.getInt("total"));
        List<String> walked = new ArrayList<>(first.getList("items.eventId"));
        String next = first.getString("next");
        while (next != null) {
            JsonPath page = integrator().queryParam("cursor", next).get(BASE + "/" + sub[0]
                    + "/deliveries?size=2&eventType=dev.itsm.incident.IncidentUpdated").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.eventId"));
            next = page.getString("next");
        }
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, walked);
        assertEquals(6, deliveries(sub[0]).getList("items").size());
        assertEquals(0, integrator().get(BASE + "/" + sub[0] + "/deliveries?state=DEAD").jsonPath().getList("items").size());
        integrator().get(BASE + "/" + sub[0] + "/deliveries?state=LOST").then().statusCode(400);
        integrator().get(BASE + "/" + UUID.randomUUID() + "/deliveries").then().statusCode(404);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
