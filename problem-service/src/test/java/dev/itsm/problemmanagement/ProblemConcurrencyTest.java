package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.ProblemFixtures.agent;
import static dev.itsm.problemmanagement.ProblemFixtures.events;
import static dev.itsm.problemmanagement.ProblemFixtures.log;
import static dev.itsm.problemmanagement.ProblemFixtures.reader;
import static dev.itsm.problemmanagement.ProblemFixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Concurrent writes of one problem: one wins, the others are told (412/409), and only the winner's event is published. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class ProblemConcurrencyTest {

    @Test
    void ofEightEditsFromTheSameVersionExactlyOneWins() throws Exception {
        String id = log();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String title = "Edited by writer " + i;
                Callable<Integer> edit = () -> agent().header("If-Match", "\"0\"").body(Map.of("title", title))
                        .patch("/api/v1/problems/" + id).statusCode();
                answers.add(pool.submit(edit));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> a : answers) {
                codes.add(a.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertTrue(codes.stream().allMatch(c -> c == 200 || c == 412 || c == 409), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        reader().get("/api/v1/problems/" + id).then().statusCode(200).header("ETag", "\"1\"");
        assertEquals(List.of("ProblemLogged", "ProblemUpdated"), types(events(id, 2)));
        assertEquals(2, ProblemFixtures.count("select count(*) from outbox_event where aggregate_id = ?", id), "the losers wrote no event");
    }
}
