package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.command;
import static dev.itsm.incident.Fixtures.newIncident;
import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The summary's counters ({@code incident_count}) equal a GROUP BY over the incidents after every
 * path that creates an incident or changes its state or priority — one by one and concurrently —
 * and the summary reads them when its filters allow.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class IncidentCountsTest {

    private static final String RESOLVE = "resolve";
    private static final Map<String, Object> FIXED = Map.of("resolutionCode", "PERMANENT_FIX", "notes", "Patched");

    @Inject
    AutoCloser autoCloser;
    @Inject
    TestClock clock;

    @Test
    void everyPathThatMovesAnIncidentKeepsTheCountersExact() {
        UUID service = newService("Counted Shop");
        String a = open(service, "HIGH", "HIGH");
        assertCounted(service, "open");
        command(a, "acknowledge", null).then().statusCode(200);
        assertCounted(service, "acknowledge");
        String b = open(service, "LOW", "LOW");
        command(b, "assign", Map.of("assignmentGroup", "network")).then().statusCode(200);
        assertCounted(service, "assign (acknowledges a NEW incident)");
        command(b, "hold", Map.of("reason", "AWAITING_VENDOR")).then().statusCode(200);
        assertCounted(service, "hold");
        command(b, "resume", null).then().statusCode(200);
        assertCounted(service, "resume");
        patch(b, "{\"impact\":\"HIGH\",\"urgency\":\"MEDIUM\"}");
        assertCounted(service, "PATCH changing the priority");
        patch(b, "{\"title\":\"Only the title\"}");
        assertCounted(service, "PATCH not changing the priority");
        command(b, RESOLVE, FIXED).then().statusCode(200);
        assertCounted(service, "resolve");
        command(b, "reopen", Map.of("reason", "Back again")).then().statusCode(200);
        assertCounted(service, "reopen");
        command(b, RESOLVE, FIXED).then().statusCode(200);
        command(b, "close", null).then().statusCode(200);
        assertCounted(service, "close");
        String c = open(service, "MEDIUM", "LOW");
        command(c, "cancel", Map.of("reason", "Duplicate")).then().statusCode(200);
        assertCounted(service, "cancel");

        // a major incident resolves its open children in the same transaction
        command(a, "declare-major", null).then().statusCode(200);
        Map<String, Object> childBody = new HashMap<>(newIncident(service, "MEDIUM", "MEDIUM"));
        childBody.put("parentIncidentId", a);
        String child = open(childBody);
        String otherChild = open(childBody);
        command(otherChild, "acknowledge", null).then().statusCode(200);
        command(a, RESOLVE, FIXED).then().statusCode(200);
        reader().get("/api/v1/incidents/" + child).then().body("state", equalTo("RESOLVED"));
        assertCounted(service, "resolve of a major incident with its children");

        // auto-close, in its own transaction per incident
        try {
            clock.advance(Duration.ofDays(4));
            autoCloser.closeDue(clock.instant());
        } finally {
            clock.reset();
        }
        reader().get("/api/v1/incidents/" + child).then().body("state", equalTo("CLOSED"));
        assertCounted(service, "auto-close");
        assertEquals(0, allServicesMismatches(), "counters of all services equal the GROUP BY");
    }

    @Test
    void concurrentTransactionsLoseNoCount() throws Exception {
        UUID service = newService("Busy Shop");
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        // every thread opens into and moves through the same counter rows
                        String id = open(service, "MEDIUM", "MEDIUM");
                        String other = open(service, n % 2 == 0 ? "HIGH" : "LOW", "HIGH");
                        command(id, "acknowledge", null).then().statusCode(200);
                        command(other, "cancel", Map.of("reason", "Duplicate")).then().statusCode(200);
                        patch(id, "{\"urgency\":\"HIGH\"}");
                        command(id, RESOLVE, FIXED).then().statusCode(200);
                        if (round == 1) {
                            command(id, "reopen", Map.of("reason", "Back again")).then().statusCode(200);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertCounted(service, threads + " concurrent threads");
        assertEquals(threads * 3 * 2L, reader().queryParam("serviceId", service).get("/api/v1/incidents/summary")
                .then().statusCode(200).extract().jsonPath().getLong("total"));
        assertEquals(0, allServicesMismatches(), "counters of all services equal the GROUP BY");
    }

    @Test
    void theSummaryReadsTheCountersForServiceStateAndPriorityFiltersAndCountsRowsForOthers() {
        UUID service = newService("Watched Shop");
        String id = open(service, "MEDIUM", "MEDIUM");
        command(id, "assign", Map.of("assignmentGroup", "network")).then().statusCode(200);
        open(service, "MEDIUM", "MEDIUM");
        // a counter that no longer matches the rows shows which source answered
        sql("update incident_count set count = count + 1000 where service_id = ? and state = 'NEW' and priority = 'P3'", service);
        try {
            JsonPath counted = summary(Map.of("serviceId", service));
            assertEquals(1001, counted.getLong("byStateAndPriority.NEW.P3"));
            assertEquals(1002, counted.getLong("total"));
            assertEquals(1001, summary(Map.of("serviceId", service, "state", "NEW", "priority", "P3")).getLong("total"));
            assertEquals(1, summary(Map.of("serviceId", service, "state", "IN_PROGRESS")).getLong("total"));

            assertEquals(1, summary(Map.of("serviceId", service, "assignmentGroup", "network")).getLong("total"),
                    "other filters count the incidents themselves");
            assertEquals(2, summary(Map.of("serviceId", service, "openedFrom", "2000-01-01T00:00:00Z")).getLong("total"));

            // the list's total for such a filter is the counters' too (two rows listed, 1,002 counted), bounded as
            // every total is unless count=exact asks; any other filter counts the rows it lists
            JsonPath listed = list(Map.of("serviceId", service, "state", "NEW,IN_PROGRESS", "priority", "P3,P4"));
            assertEquals(2, listed.getList("items").size());
            assertEquals(1002, listed.getLong("total"));
            assertEquals(true, listed.getBoolean("totalExact"));
            assertEquals(1002, list(Map.of("serviceId", service, "count", "exact")).getLong("total"));
            assertEquals(1, list(Map.of("serviceId", service, "assignmentGroup", "network")).getLong("total"));
        } finally {
            sql("update incident_count set count = count - 1000 where service_id = ? and state = 'NEW' and priority = 'P3'", service);
        }
        assertCounted(service, "restored");
    }

    // ------------------------------------------------------------------ helpers

    private static UUID newService(String name) {
        UUID service = UUID.randomUUID();
        Fixtures.publishService("ServiceCreated", service, name, "LIVE");
        return service;
    }

    private static void patch(String id, String body) {
        agent().contentType("application/merge-patch+json").body(body).patch("/api/v1/incidents/" + id).then().statusCode(200);
    }

    private static JsonPath summary(Map<String, Object> query) {
        return reader().queryParams(query).get("/api/v1/incidents/summary").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath list(Map<String, Object> query) {
        return reader().queryParams(query).get("/api/v1/incidents").then().statusCode(200).extract().jsonPath();
    }

    /** Counters, GROUP BY and the summary agree for the service. */
    private static void assertCounted(UUID service, String step) {
        Map<String, Long> rows = cells("select state || '/' || priority, count(*) from incident where service_id = ? group by 1",
                service);
        assertEquals(rows, cells("select state || '/' || priority, count from incident_count where service_id = ? and count <> 0",
                service), "counters after " + step);
        Map<String, Map<String, Number>> api = summary(Map.of("serviceId", service)).getMap("byStateAndPriority");
        Map<String, Long> shown = new TreeMap<>();
        api.forEach((state, byPriority) -> byPriority.forEach((p, n) -> shown.put(state + "/" + p, n.longValue())));
        assertEquals(rows, shown, "summary after " + step);
    }

    /** Cells where the counters and a GROUP BY over every incident differ (one statement: one snapshot). */
    private static long allServicesMismatches() {
        return Fixtures.count("""
                select count(*) from (select service_id, state, priority, count(*) n from incident group by 1, 2, 3) g
                full join (select * from incident_count where count <> 0) c using (service_id, state, priority)
                where g.n is distinct from c.count""");
    }

    private static Map<String, Long> cells(String query, Object... args) {
        Map<String, Long> cells = new TreeMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cells.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return cells;
    }

    private static void sql(String statement, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.database(Fixtures.DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword());
    }
}
