package dev.itsm.request.jobs;

import static dev.itsm.request.RequestFixtures.BASE;
import static dev.itsm.request.RequestFixtures.agent;
import static dev.itsm.request.RequestFixtures.create;
import static dev.itsm.request.RequestFixtures.orderable;
import static dev.itsm.request.RequestFixtures.taskCommand;
import static dev.itsm.request.RequestFixtures.taskOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.itsm.request.catalog.CatalogEvents;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two schedulers' jobs (their schedules are off in tests; the tests call them): a backlog larger than a batch
 * (request.jobs.batch-size = 2 in tests) is worked off in one call, and two instances running at the same instant
 * handle each grant / request exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class SchedulerJobsTest {

    @Inject
    GrantExpiryJob grantExpiry;
    @Inject
    AutoCloseJob autoClose;

    @AfterEach
    void realTime() {
        TestClock.INSTANCE.reset();
    }

    @Test
    void twoInstancesRevokeABacklogOfExpiredGrantsEachExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = create(orderable(false, List.of()));
            taskCommand(taskOf(id, "vpn"), "complete", Map.of()).then().statusCode(200);
            ids.add(id);
        }
        // VPN access lasts P30D: nothing of ours is due a minute before
        Instant granted = TestClock.INSTANCE.instant();
        grantExpiry.revokeDue(granted.plus(Duration.ofDays(30)).minusSeconds(60));
        for (String id : ids) {
            agent().get(BASE + "/" + id + "/grants").then().body("items[0].state", equalTo("ACTIVE"));
        }

        Instant due = granted.plus(Duration.ofDays(30)).plusSeconds(60);
        int revoked = together(now -> grantExpiry.revokeDue(now), due);
        assertTrue(revoked >= ids.size(), "both runs together revoked " + revoked);
        for (String id : ids) {
            agent().get(BASE + "/" + id + "/grants").then().statusCode(200)
                    .body("items[0].state", equalTo("REVOKED")).body("items[0].revokeReason", equalTo("EXPIRED"));
            assertEquals(1, CatalogEvents.count("select count(*) from outbox_event where aggregate_id = ? and event_type = ?",
                    id, "dev.itsm.request.AccessRevoked"), "AccessRevoked once for " + id);
        }
        assertEquals(0, grantExpiry.revokeDue(due), "nothing left");
    }

    @Test
    void theScheduledRunClosesFulfilledRequestsOnTheServicesClock() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = create(orderable(false, List.of()));
            for (String key : List.of("laptop", "vpn", "setup")) {
                taskCommand(taskOf(id, key), "complete", Map.of()).then().statusCode(200);
            }
            agent().get(BASE + "/" + id).then().body("state", equalTo("FULFILLED"));
            ids.add(id);
        }
        autoClose.run(); // fulfilled just now: not due for P5D
        for (String id : ids) {
            agent().get(BASE + "/" + id).then().body("state", equalTo("FULFILLED"));
        }

        TestClock.INSTANCE.advance(Duration.ofDays(5).plusMinutes(1));
        int closed = together(now -> autoClose.closeDue(now), TestClock.INSTANCE.instant());
        assertTrue(closed >= ids.size(), "both runs together closed " + closed);
        autoClose.run();
        for (String id : ids) {
            agent().get(BASE + "/" + id).then().body("state", equalTo("CLOSED"));
            assertEquals(1, CatalogEvents.count("select count(*) from outbox_event where aggregate_id = ? and event_type = ?",
                    id, "dev.itsm.request.ServiceRequestClosed"), "closed once: " + id);
        }
    }

    @Test
    void theScheduledRunRevokesOnTheServicesClock() {
        String id = create(orderable(false, List.of()));
        taskCommand(taskOf(id, "vpn"), "complete", Map.of()).then().statusCode(200);
        grantExpiry.run();
        agent().get(BASE + "/" + id + "/grants").then().body("items[0].state", equalTo("ACTIVE"));
        TestClock.INSTANCE.advance(Duration.ofDays(30).plusMinutes(1));
        grantExpiry.run();
        agent().get(BASE + "/" + id + "/grants").then().body("items[0].state", equalTo("REVOKED"))
                .body("items[0].revokedBy", equalTo("request-service"));
    }

    /** Two callers start the job at the same instant (two instances' schedulers); returns what both handled. */
    private static int together(Function<Instant, Integer> job, Instant now) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    barrier.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return job.apply(now);
            }));
        }
        int total = 0;
        for (CompletableFuture<Integer> run : runs) {
            total += run.get();
        }
        return total;
    }
}
