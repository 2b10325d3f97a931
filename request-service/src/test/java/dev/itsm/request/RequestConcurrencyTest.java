package dev.itsm.request;

import static dev.itsm.request.RequestFixtures.BASE;
import static dev.itsm.request.RequestFixtures.agent;
import static dev.itsm.request.RequestFixtures.as;
import static dev.itsm.request.RequestFixtures.command;
import static dev.itsm.request.RequestFixtures.create;
import static dev.itsm.request.RequestFixtures.orderable;
import static dev.itsm.request.RequestFixtures.taskCommand;
import static dev.itsm.request.RequestFixtures.taskOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.request.catalog.CatalogEvents;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Commands on one request at the same moment run one after the other (the request row is locked): two
 * fulfillers completing two of its tasks both succeed; two completions of one task are one 200 and one 409;
 * two approvers of an ALL level both count.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class RequestConcurrencyTest {

    @Test
    void twoFulfillersCompleteTwoTasksOfOneRequestAtOnce() throws Exception {
        String id = create(orderable(false, List.of()));
        String laptop = taskOf(id, "laptop");
        String vpn = taskOf(id, "vpn");
        List<Integer> statuses = together(
                () -> taskCommand(laptop, "complete", Map.of()).statusCode(),
                () -> taskCommand(vpn, "complete", Map.of()).statusCode());
        assertEquals(List.of(200, 200), statuses);
        agent().get(BASE + "/" + id).then().body("items.state", org.hamcrest.Matchers.contains("FULFILLED", "FULFILLED", "IN_FULFILMENT"));
        assertEquals(1, CatalogEvents.count("select count(*) from access_grant where request_id = ?", java.util.UUID.fromString(id)));
    }

    @Test
    void oneTaskCompletedTwiceAtOnceIsCompletedOnce() throws Exception {
        String id = create(orderable(false, List.of()));
        String vpn = taskOf(id, "vpn");
        List<Integer> statuses = new ArrayList<>(together(
                () -> taskCommand(vpn, "complete", Map.of()).statusCode(),
                () -> taskCommand(vpn, "complete", Map.of()).statusCode()));
        statuses.sort(null);
        assertEquals(List.of(200, 409), statuses);
        assertEquals(1, CatalogEvents.count("select count(*) from access_grant where request_id = ?", java.util.UUID.fromString(id)));
        assertEquals(1, CatalogEvents.count("select count(*) from outbox_event where aggregate_id = ? and event_type = ?",
                id, "dev.itsm.request.AccessGranted"));
    }

    @Test
    void twoApproversOfAnAllLevelDecideAtOnce() throws Exception {
        String id = create(orderable(false, List.of(CatalogEvents.level("Board", "ALL", null, "mia", "max"))));
        List<Integer> statuses = together(
                () -> command(as("mia", Roles.CHANGE_MANAGER), id, "approve", Map.of()).statusCode(),
                () -> command(as("max", Roles.AGENT), id, "approve", Map.of()).statusCode());
        assertEquals(List.of(200, 200), statuses);
        agent().get(BASE + "/" + id).then().body("state", equalTo("IN_FULFILMENT"));
    }

    @SafeVarargs
    private static List<Integer> together(Supplier<Integer>... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (Supplier<Integer> call : calls) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return call.get();
            }));
        }
        List<Integer> results = new ArrayList<>();
        for (CompletableFuture<Integer> f : futures) {
            results.add(f.get());
        }
        return results;
    }
}
