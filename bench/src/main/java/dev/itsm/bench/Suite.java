package dev.itsm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.deploy.Stack;

/** The running suite as the benchmarks see it: URLs, a token, the databases, set-up calls. */
final class Suite {

    static final ObjectMapper JSON = new ObjectMapper();

    final Stack stack;
    final boolean quick;
    final Path raw;
    final String token;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A LIVE service incident-service knows and an agreement covering it (set up once). */
    String serviceId;
    String agreementId;
    /**
     * Incidents written straight into incident-service's table (section 4's bulk load): no event announces them, so
     * sla-service's replica never holds them and {@link #awaitQuiet} must not wait for it to.
     */
    long incidentsLoadedWithoutEvents;

    Suite(Stack stack, boolean quick, Path raw) {
        this.stack = stack;
        this.quick = quick;
        this.raw = raw;
        this.token = stack.tokens().token("bench", Set.of("itsm-admin"), Duration.ofHours(6));
    }

    String gateway() {
        return stack.url("gateway");
    }

    String incidentService() {
        return stack.url("incident-service");
    }

    Connection db(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.dbUser(), stack.dbPassword());
    }

    /** Scales a duration down in --quick mode. */
    Duration seconds(int full, int quickSeconds) {
        return Duration.ofSeconds(quick ? quickSeconds : full);
    }

    static String incidentBody(String serviceId, String title) {
        return "{\"title\":\"" + title + "\",\"description\":\"Since 09:10 every login to the payroll portal fails with"
                + " an error page\",\"caller\":\"jane.doe@example.com\",\"serviceId\":\"" + serviceId
                + "\",\"category\":\"software\",\"impact\":\"MEDIUM\",\"urgency\":\"HIGH\"}";
    }

    HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    HttpRequest delete(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).DELETE().build();
    }

    JsonNode call(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode()
                    + " (expected " + expected + "): " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    /** A LIVE service, an SLA covering it, and incident-service's replica of the service. */
    void setUp() throws IOException, InterruptedException {
        String key = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        serviceId = call(post(gateway() + "/api/v1/catalog/services", "{\"key\":\"" + key
                + "\",\"name\":\"Payroll portal\",\"type\":\"BUSINESS\",\"owner\":\"ops-team\",\"utility\":\"Pays people\"}"),
                201).get("id").asText();
        call(post(gateway() + "/api/v1/catalog/services/" + serviceId + "/go-live", ""), 200);
        agreementId = JSON.readTree(createOnceReplicaKnows("/api/v1/sla/agreements", """
                {"name":"Bench SLA %s","type":"SLA","scope":{"allServices":false,"serviceIds":["%s"]},
                 "targets":[%s]}""".formatted(key, serviceId, targets()), "sla-service")).get("id").asText();
        createOnceReplicaKnows("/api/v1/incidents", incidentBody(serviceId, "warm-up"), "incident-service");
    }

    /**
     * sla-service and incident-service check the service against their replica of the catalogue,
     * which learns of it from an event moments after the create: 422 until then.
     */
    String createOnceReplicaKnows(String path, String body, String service) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            HttpResponse<String> r = http.send(post(gateway() + path, body), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return r.body();
            }
            if (r.statusCode() != 422 || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service + " never accepted the bench service: " + r.body());
            }
            Thread.sleep(200);
        }
    }

    private static String targets() {
        StringBuilder t = new StringBuilder();
        for (String p : new String[] {"P1", "P2", "P3", "P4", "P5"}) {
            if (!t.isEmpty()) {
                t.append(',');
            }
            t.append("{\"metric\":\"TIME_TO_RESPOND\",\"priority\":\"").append(p).append("\",\"duration\":\"PT4H\"},");
            t.append("{\"metric\":\"TIME_TO_RESOLVE\",\"priority\":\"").append(p).append("\",\"duration\":\"PT24H\"}");
        }
        return t.toString();
    }

    Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    /**
     * Waits until every incident opened through the API so far has reached sla-service and both outboxes are empty,
     * so that one benchmark's backlog does not slow the next; returns how long that took.
     */
    Duration awaitQuiet(Duration max) throws SQLException, InterruptedException {
        Instant start = Instant.now();
        try (Connection incident = db("itsm_incident"); Connection sla = db("itsm_sla")) {
            while (Instant.now().isBefore(start.plus(max))) {
                long incidents = count(incident, "select count(*) from incident");
                long replicated = count(sla, "select count(*) from sla_incident");
                long pending = count(incident, "select count(*) from outbox_event where published_at is null")
                        + count(sla, "select count(*) from outbox_event where published_at is null");
                if (replicated + incidentsLoadedWithoutEvents >= incidents && pending == 0) {
                    return Duration.between(start, Instant.now());
                }
                Thread.sleep(250);
            }
        }
        System.out.println("    (the suite was still busy after " + max.toSeconds() + " s; going on)");
        return Duration.between(start, Instant.now());
    }

    static long count(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    int pgPort() {
        return URI.create(stack.jdbcUrl("x").substring("jdbc:".length())).getPort();
    }

    /** Runs a shell line with the PostgreSQL client tools (PGPASSWORD set); returns its output. */
    String psqlShell(String line) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", stack.dbPassword());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** The first column of the first row; a query that finds nothing is a broken benchmark set-up. */
    static String one(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row for: " + sql);
            }
            return rs.getString(1);
        }
    }

    private static final java.util.regex.Pattern EXECUTION_TIME = java.util.regex.Pattern.compile("Execution Time: ([0-9.]+) ms");

    /** The execution time EXPLAIN ANALYZE reports in {@code plan}, in ms (NaN if none). */
    static double executionMs(CharSequence plan) {
        java.util.regex.Matcher m = EXECUTION_TIME.matcher(plan);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
