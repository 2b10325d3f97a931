package dev.itsm.request;

import static dev.itsm.request.RequestFixtures.BASE;
import static dev.itsm.request.RequestFixtures.agent;
import static dev.itsm.request.RequestFixtures.create;
import static dev.itsm.request.RequestFixtures.orderable;
import static dev.itsm.request.RequestFixtures.taskCommand;
import static dev.itsm.request.RequestFixtures.taskOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.request.catalog.CatalogEvents;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The schedulers' work as {@link RequestService} does it (the jobs are R2's and off in tests): expired grants
 * are revoked exactly once even when two callers run at the same instant (FOR UPDATE SKIP LOCKED), and
 * FULFILLED requests close by themselves after request.auto-close-after, once.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class GrantExpiryTest {

    @Inject
    RequestService requests;

    @AfterEach
    void realTime() {
        TestClock.INSTANCE.reset();
    }

    @Test
    void anExpiredGrantIsRevokedExactlyOnceEvenByConcurrentCallers() throws Exception {
        String id = create(orderable(false, List.of()));
        taskCommand(taskOf(id, "vpn"), "complete", Map.of()).then().statusCode(200);
        String grant = agent().get(BASE + "/" + id + "/grants").then().extract().path("items[0].id");

        // not due yet: nothing happens
        requests.revokeDueGrants(TestClock.INSTANCE.instant(), 100);
        agent().get(BASE + "/" + id + "/grants").then().body("items[0].state", equalTo("ACTIVE"));

        TestClock.INSTANCE.advance(Duration.ofDays(30).plusMinutes(1));
        Instant now = TestClock.INSTANCE.instant();
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> revokeTogether(together, now));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> revokeTogether(together, now));
        a.get();
        b.get();
        requests.revokeDueGrants(now, 100);

        agent().get(BASE + "/" + id + "/grants").then().statusCode(200)
                .body("items[0].id", equalTo(grant)).body("items[0].state", equalTo("REVOKED"))
                .body("items[0].revokeReason", equalTo("EXPIRED")).body("items[0].revokedBy", equalTo("request-service"));
        assertEquals(1, CatalogEvents.count("select count(*) from outbox_event where aggregate_id = ? and event_type = ?",
                id, "dev.itsm.request.AccessRevoked"), "AccessRevoked once");
        List<TopicReader.Received> events = RequestFixtures.eventsUntil(id, "AccessRevoked", 1);
        JsonNode revoked = RequestLifecycleTest.json(events.get(events.size() - 1));
        assertEquals("EXPIRED", revoked.path("grant").path("revokeReason").asText());
        assertEquals(grant, revoked.path("grant").path("grantId").asText());
        agent().get(BASE + "/" + id + "/history").then().body("items.action", org.hamcrest.Matchers.hasItem("expire-grant"));
    }

    @Test
    void aFulfilledRequestClosesByItselfOnce() {
        String id = create(orderable(false, List.of()));
        for (String key : List.of("laptop", "vpn", "setup")) {
            taskCommand(taskOf(id, key), "complete", Map.of()).then().statusCode(200);
        }
        agent().get(BASE + "/" + id).then().body("state", equalTo("FULFILLED"));
        requests.closeDueRequests(TestClock.INSTANCE.instant(), 100);
        agent().get(BASE + "/" + id).then().body("state", equalTo("FULFILLED"));

        TestClock.INSTANCE.advance(Duration.ofDays(5).plusMinutes(1));
        assertTrue(requests.closeDueRequests(TestClock.INSTANCE.instant(), 100) >= 1);
        requests.closeDueRequests(TestClock.INSTANCE.instant(), 100);
        agent().get(BASE + "/" + id).then().body("state", equalTo("CLOSED"));
        assertEquals(1, CatalogEvents.count("select count(*) from outbox_event where aggregate_id = ? and event_type = ?",
                id, "dev.itsm.request.ServiceRequestClosed"));
        List<TopicReader.Received> events = RequestFixtures.eventsUntil(id, "ServiceRequestClosed", 1);
        assertTrue(RequestLifecycleTest.json(events.get(events.size() - 1)).path("automatic").asBoolean());
    }

    private int revokeTogether(CyclicBarrier together, Instant now) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return requests.revokeDueGrants(now, 100);
    }
}
