package dev.itsm.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.TestClock;
import dev.itsm.webhook.delivery.TestReceiver.Behaviour;
import dev.itsm.webhook.intake.StoredEvent;
import dev.itsm.webhook.egress.TargetPolicy;
import io.vertx.core.Vertx;

/** The sender on its own, against the real receiver: the address check at connect time, timeouts, the body prefix. */
class HttpSenderTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static Vertx vertx;
    private static TestReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        vertx.close();
    }

    /** The production policy as configured outside tests and the local stack: loopback refused. */
    private static TargetPolicy policy(boolean allowLoopback) throws Exception {
        Constructor<TargetPolicy> c = TargetPolicy.class.getDeclaredConstructor(boolean.class, Optional.class);
        c.setAccessible(true);
        return c.newInstance(allowLoopback, Optional.empty());
    }

    private static HttpSender sender(TargetPolicy policy) {
        return new HttpSender(vertx, policy::allows, Duration.ofSeconds(1), Duration.ofMillis(500), 4, TestClock.INSTANCE);
    }

    private static ClaimedDelivery delivery(String url) {
        StoredEvent e = new StoredEvent(UUID.randomUUID().toString(), "itsm.incident.events", "dev.itsm.incident.IncidentOpened",
                "/itsm/incident-service", "subject-1", Instant.parse("2026-12-01T10:00:00Z"), "application/json",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        return new ClaimedDelivery(1, UUID.randomUUID(), 0, null, DeliveryReason.EVENT, url, List.of(SECRET), e);
    }

    private static Outcome send(HttpSender sender, String url) throws Exception {
        return sender.send(delivery(url)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTargetThatResolvesToARefusedAddressIsNotConnectedTo() throws Exception {
        String path = "/refused";
        receiver.secret(path, SECRET);
        Outcome outcome = send(sender(policy(false)), receiver.url(path).replace("127.0.0.1", "localhost"));
        assertNull(outcome.status());
        assertTrue(outcome.error().startsWith("target address refused by policy: localhost resolves to "), outcome.error());
        assertEquals(Outcome.Verdict.RETRY, outcome.verdict());
        assertTrue(receiver.received(path).isEmpty(), "nothing reached the target");
    }

    @Test
    void anAllowedAddressIsDeliveredToWithTheHostOfTheUrl() throws Exception {
        String path = "/allowed";
        receiver.secret(path, SECRET);
        Outcome outcome = send(sender(policy(true)), receiver.url(path).replace("127.0.0.1", "localhost"));
        assertEquals(200, outcome.status());
        TestReceiver.Received r = receiver.received(path).get(0);
        assertTrue(r.signatureValid());
        assertTrue(r.header("host").startsWith("localhost:"), r.header("host"));
    }

    @Test
    void aTargetThatDoesNotAnswerInTimeFailsTheAttempt() throws Exception {
        String path = "/hangs";
        receiver.secret(path, SECRET);
        CountDownLatch release = new CountDownLatch(1);
        receiver.behave(path, Behaviour.hang(release));
        try {
            Outcome outcome = send(sender(policy(true)), receiver.url(path));
            assertNull(outcome.status());
            assertTrue(outcome.error().contains("timed out") || outcome.error().contains("Timeout"), outcome.error());
        } finally {
            release.countDown();
        }
    }

    @Test
    void onlyTheFirstKibibyteOfABigResponseBodyIsRead() throws Exception {
        String path = "/big";
        receiver.secret(path, SECRET);
        receiver.behave(path, Behaviour.bigBody(5 * 1024 * 1024));
        Outcome outcome = send(sender(policy(true)), receiver.url(path));
        assertEquals(200, outcome.status());
        assertEquals("x".repeat(1024), outcome.responsePrefix());
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        String path = "/moved";
        receiver.secret(path, SECRET);
        receiver.behave(path, Behaviour.status(302));
        Outcome outcome = send(sender(policy(true)), receiver.url(path));
        assertEquals(302, outcome.status());
        assertEquals(Outcome.Verdict.RETRY, outcome.verdict());
        assertEquals(1, receiver.received(path).size());
    }

    @Test
    void aRefusedConnectionFailsTheAttemptWithItsCause() throws Exception {
        Outcome outcome = send(sender(policy(true)), "http://127.0.0.1:1/nothing-listens");
        assertNull(outcome.status());
        assertTrue(outcome.error().toLowerCase().contains("refused"), outcome.error());
    }
}
