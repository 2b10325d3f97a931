package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.rita;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Concurrent edits and decisions: one wins, the others get 409 or 412, nothing is lost silently. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ConcurrencyTest {

    static List<Integer> race(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentEditsWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        String id = Api.create(Api.normal("Contended", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String title = "Edit " + i;
            calls.add(() -> rita().header("If-Match", "\"0\"").contentType("application/merge-patch+json")
                    .body(Map.of("title", title)).patch(CHANGES + "/" + id).statusCode());
        }
        List<Integer> codes = race(calls);
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
        assertTrue(codes.stream().allMatch(c -> c == 200 || c == 409 || c == 412), codes.toString());
        rita().get(CHANGES + "/" + id).then().header("ETag", "\"1\"");
    }

    @Test
    void concurrentApprovalsAreAllRecordedOrRefusedNeverLost() throws Exception {
        String id = Api.create(Api.normal("Quorum race", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        Api.command(rita(), id, "submit", null);
        Api.command(rita(), id, "assess", Map.of("answers", Map.of("customerFacing", true, "untestedInStaging", false,
                "noBackout", false, "firstOfItsKind", true)));
        Api.command(Api.as("tina", Roles.CHANGE_MANAGER), id, "approve", Map.of()); // level 1 (ANY) passes, CAB opens
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String who : List.of("carl", "cora", "cleo")) {
            calls.add(() -> Api.as(who, Roles.CHANGE_MANAGER).body(Map.of("comment", "yes")).post(CHANGES + "/" + id + "/approve")
                    .statusCode());
        }
        List<Integer> codes = race(calls);
        long ok = codes.stream().filter(c -> c == 200).count();
        assertTrue(ok >= 1 && codes.stream().allMatch(c -> c == 200 || c == 409), codes.toString());
        List<String> recorded = rita().get(CHANGES + "/" + id).then().extract().jsonPath().getList("approvalDecisions.approver");
        assertEquals(1 + ok, recorded.size(), "every 200 left its decision in the history: " + recorded);
    }
}
