package dev.itsm.problemmanagement;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestInfrastructure;
import dev.itsm.testing.TestTokens;
import dev.itsm.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Shared test helpers of the problem core: tokens, replica rows (as the event handlers would write them), problems, the database. */
public final class ProblemFixtures {

    public static final String TOPIC = "itsm.problem.events";
    public static final String PREFIX = "dev.itsm.problem.";
    public static final String DATABASE = "itsm_problem";
    private static final AtomicInteger NUMBERS = new AtomicInteger(5000);

    private ProblemFixtures() {
    }

    public static RequestSpecification as(String user, String role) {
        return given().header("Authorization", TestTokens.bearer(user, role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification agent() {
        return as("alice", Roles.AGENT);
    }

    public static RequestSpecification manager() {
        return as("carol", Roles.PROBLEM_MANAGER);
    }

    public static RequestSpecification reader() {
        return as("rita", Roles.READER);
    }

    // ------------------------------------------------------------------ replica rows

    /** An incident in the replica (as P2's handler writes it from IncidentOpened). */
    public static UUID incident(UUID serviceId, UUID ciId) {
        UUID id = UUID.randomUUID();
        update("insert into incident_replica (incident_id, number, title, state, priority, service_id, ci_id, opened_at, occurred_at) "
                + "values (?, ?, 'Checkout fails with HTTP 502', 'NEW', 'P3', ?, ?, ?, ?)",
                id, "INC" + NUMBERS.incrementAndGet(), serviceId, ciId, ts(TestClock.INSTANCE.instant()), ts(TestClock.INSTANCE.instant()));
        return id;
    }

    /** A change in the replica (as P2's handler writes it from the change events). */
    public static UUID change(String state, boolean implemented) {
        UUID id = UUID.randomUUID();
        update("insert into change_replica (change_id, number, title, state, implemented, occurred_at) values (?, ?, ?, ?, ?, ?)",
                id, "CHG" + NUMBERS.incrementAndGet(), "Raise the gateway pool", state, implemented, ts(TestClock.INSTANCE.instant()));
        return id;
    }

    public static void changeState(UUID changeId, String state, boolean implemented) {
        update("update change_replica set state = ?, implemented = ? where change_id = ?", state, implemented, changeId);
    }

    // ------------------------------------------------------------------ problems

    public static Map<String, Object> newProblem(UUID serviceId, UUID ciId) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Checkout intermittently fails with HTTP 502");
        m.put("description", "Three incidents this week on the payment gateway");
        m.put("serviceIds", serviceId == null ? List.of() : List.of(serviceId.toString()));
        m.put("ciIds", ciId == null ? List.of() : List.of(ciId.toString()));
        m.put("impact", "HIGH");
        m.put("urgency", "MEDIUM");
        m.put("assignmentGroup", "payments-3rd-line");
        return m;
    }

    public static String log(Map<String, Object> body) {
        return agent().body(body).post("/api/v1/problems").then().statusCode(201).extract().path("id");
    }

    public static String log() {
        return log(newProblem(UUID.randomUUID(), UUID.randomUUID()));
    }

    public static Response command(RequestSpecification as, String id, String command, Map<String, Object> body) {
        RequestSpecification r = as;
        if (body != null) {
            r = r.body(body);
        }
        return r.post("/api/v1/problems/" + id + "/" + command);
    }

    /** Walks a problem to KNOWN_ERROR (analysis, root cause with workaround, known error). */
    public static void toKnownError(String id) {
        command(agent(), id, "start-analysis", null).then().statusCode(200);
        command(manager(), id, "record-root-cause", Map.of("category", "capacity",
                "analysis", "The gateway connection pool is exhausted at peak", "workaround", "Restart the payment-gateway pods"))
                .then().statusCode(200);
        command(manager(), id, "publish-known-error", Map.of("symptoms", "Checkout answers HTTP 502 after about 30 seconds"))
                .then().statusCode(200);
    }

    public static List<TopicReader.Received> events(String problemId, int count) {
        return TopicReader.await(TOPIC, count, Duration.ofSeconds(30), r -> problemId.equals(r.key()));
    }

    public static List<String> types(List<TopicReader.Received> records) {
        return records.stream().map(r -> r.ceType().substring(PREFIX.length())).toList();
    }

    // ------------------------------------------------------------------ database

    public static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    public static Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection(TestInfrastructure.database(DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword());
    }

    public static void update(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
