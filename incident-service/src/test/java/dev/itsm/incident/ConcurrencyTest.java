package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.command;
import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Concurrent commands and edits on one incident: exactly one wins, the others get 409/412, nothing is lost. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class ConcurrencyTest {

    static final int CALLERS = 8;

    @Test
    void ofConcurrentResolveAndHoldCommandsExactlyOneWins() throws Exception {
        String id = open();
        command(id, "acknowledge", null).then().statusCode(200);
        List<Response> responses = race(i -> {
            if (i % 2 == 0) {
                return agent().header("If-Match", "\"1\"")
                        .body(Map.of("resolutionCode", "WORKAROUND", "notes", "by caller " + i))
                        .post("/api/v1/incidents/" + id + "/resolve");
            }
            return agent().body(Map.of("reason", "AWAITING_CALLER")).post("/api/v1/incidents/" + id + "/hold");
        });
        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "exactly one wins: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409 || s == 412), "the others lose cleanly: " + statuses);
        responses.stream().filter(r -> r.statusCode() != 200)
                .forEach(r -> assertEquals("application/problem+json", r.contentType()));

        JsonPath incident = reader().get("/api/v1/incidents/" + id).then().extract().jsonPath();
        assertEquals(2, incident.getInt("version"), "one change after the acknowledge");
        JsonPath history = reader().get("/api/v1/incidents/" + id + "/history").then().extract().jsonPath();
        assertEquals(3, history.getList("items").size(), "open, acknowledge and the one winner");
        assertEquals(3, Fixtures.events(id, 3).size(), "one event for the winner");
    }

    @Test
    void ofConcurrentEditsWithIfMatchExactlyOneWinsAndNoUpdateIsLost() throws Exception {
        String id = open();
        List<Response> responses = race(i -> agent().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"title\":\"title from caller " + i + "\"}").patch("/api/v1/incidents/" + id));
        List<Response> winners = responses.stream().filter(r -> r.statusCode() == 200).toList();
        assertEquals(1, winners.size(), "exactly one wins: " + responses.stream().map(Response::statusCode).toList());
        assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 409 || r.statusCode() == 412));
        String winnerTitle = winners.get(0).path("title");
        reader().get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("title", org.hamcrest.Matchers.equalTo(winnerTitle))
                .body("version", org.hamcrest.Matchers.equalTo(1));
    }

    interface Call {
        Response call(int i);
    }

    static List<Response> race(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int n = i;
                calls.add(() -> {
                    start.await();
                    return call.call(n);
                });
            }
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> c : calls) {
                futures.add(pool.submit(c));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
