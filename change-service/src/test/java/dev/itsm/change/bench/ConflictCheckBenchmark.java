package dev.itsm.change.bench;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.itsm.change.request.ChangeType;
import dev.itsm.change.schedule.ChangeWindow;
import dev.itsm.change.schedule.Conflict;
import dev.itsm.change.schedule.ConflictDetector;
import dev.itsm.change.schedule.DependencyGraph;
import dev.itsm.change.schedule.ScheduleService;
import dev.itsm.change.schedule.ScheduledChange;
import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Conflict check time against a schedule of 10,000 changes, on the real PostgreSQL of the test kit.
 * Not a test: prints numbers. Run with
 * {@code ./mvnw -B -pl change-service test -Dgroups=benchmark -DexcludedGroups=none -Dtest=ConflictCheckBenchmark}.
 * <p>
 * Setup: a catalog of 500 services (each depending on up to 2 others) and 3,000 CIs (each running on
 * a server CI and depending on up to 2 other CIs or a service) in the replica tables; 10,000 SCHEDULED
 * changes of 1–4 h spread over 90 days, each touching 1–2 services and 1–3 CIs.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ConflictCheckBenchmark {

    static final int SERVICES = 500;
    static final int CIS = 3_000;
    static final int CHANGES = 10_000;
    static final int DAYS = 90;

    @Inject
    DataSource ds;

    @Inject
    ScheduleService schedule;

    final Random random = new Random(42);
    final List<UUID> services = new ArrayList<>();
    final List<UUID> cis = new ArrayList<>();
    Instant base;

    @Test
    void conflictCheckAgainstTenThousandScheduledChanges() throws Exception {
        base = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(400));
        long t0 = System.nanoTime();
        List<ScheduledChange> scheduled = seed();
        System.out.printf("%nseeded %d services, %d CIs, %d scheduled changes in %d ms%n", SERVICES, CIS, scheduled.size(),
                (System.nanoTime() - t0) / 1_000_000);

        // 1) the service method: SQL time-range query + graph (cached) + detection, in a transaction
        int warmup = 300;
        int runs = 3_000;
        Histogram inProcess = new Histogram(3);
        int withConflicts = 0;
        long conflictsFound = 0;
        for (int i = 0; i < warmup + runs; i++) {
            ChangeWindow w = randomWindow(Duration.ofHours(2));
            long s = System.nanoTime();
            List<Conflict> c = QuarkusTransaction.requiringNew().call(() -> schedule.conflicts(w));
            long micros = (System.nanoTime() - s) / 1_000;
            if (i >= warmup) {
                inProcess.recordValue(micros);
                withConflicts += c.isEmpty() ? 0 : 1;
                conflictsFound += c.size();
            }
        }
        print("ScheduleService.conflicts (DB query + graph + rules), 2 h window", inProcess);
        System.out.printf("  %d of %d checks found conflicts (%.1f per check on average)%n", withConflicts, runs,
                (double) conflictsFound / runs);

        // 2) a week-long window overlaps ~800 changes: the dense case
        Histogram dense = new Histogram(3);
        for (int i = 0; i < 50 + 500; i++) {
            ChangeWindow w = randomWindow(Duration.ofDays(7));
            long s = System.nanoTime();
            QuarkusTransaction.requiringNew().call(() -> schedule.conflicts(w));
            if (i >= 50) {
                dense.recordValue((System.nanoTime() - s) / 1_000);
            }
        }
        print("ScheduleService.conflicts, 7-day window (~780 overlapping changes loaded)", dense);

        // 3) the pure detector against all 10,000 changes with no time pre-filter (worst case for the rules)
        DependencyGraph graph = graph();
        Histogram pure = new Histogram(3);
        for (int i = 0; i < 200 + 2_000; i++) {
            ChangeWindow w = randomWindow(Duration.ofHours(2));
            long s = System.nanoTime();
            ConflictDetector.detect(w, graph, scheduled, List.of(), Map.of());
            if (i >= 200) {
                pure.recordValue((System.nanoTime() - s) / 1_000);
            }
        }
        print("ConflictDetector.detect in memory over all 10,000 changes", pure);

        // 4) end to end over HTTP: GET /api/v1/changes/{id}/conflicts (JWT check, load, check, JSON)
        List<UUID> ids = new ArrayList<>();
        try (Connection c = ds.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("select id from change_request where number like 'BEN%' limit 500")) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        String token = TestTokens.bearer("bench", Roles.READER);
        given().header("Authorization", token).get("/api/v1/changes/" + ids.get(0) + "/conflicts").then().statusCode(200);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String baseUrl = "http://localhost:" + io.restassured.RestAssured.port + "/api/v1/changes/";
        Histogram http = new Histogram(3);
        for (int i = 0; i < 200 + 2_000; i++) {
            UUID id = ids.get(i % ids.size());
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + id + "/conflicts"))
                    .header("Authorization", token).GET().build();
            long s = System.nanoTime();
            java.net.http.HttpResponse<String> response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - s) / 1_000;
            if (response.statusCode() != 200) {
                throw new AssertionError(response.statusCode() + " " + response.body());
            }
            if (i >= 200) {
                http.recordValue(micros);
            }
        }
        print("GET /api/v1/changes/{id}/conflicts over HTTP (JDK HttpClient, sequential, 1 client)", http);
    }

    static void print(String what, Histogram h) {
        System.out.printf("%s: n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms mean=%.2f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0, h.getMean() / 1000.0);
    }

    ChangeWindow randomWindow(Duration length) {
        Instant start = base.plus(Duration.ofMinutes(random.nextInt(DAYS * 24 * 60)));
        Set<UUID> s = new HashSet<>();
        s.add(services.get(random.nextInt(SERVICES)));
        Set<UUID> c = new HashSet<>();
        c.add(cis.get(random.nextInt(CIS)));
        return new ChangeWindow(UUID.randomUUID(), ChangeType.EMERGENCY, start, start.plus(length), s, c);
    }

    List<UUID> serviceDeps = new ArrayList<>();

    DependencyGraph graph() throws Exception {
        DependencyGraph.Builder b = DependencyGraph.builder();
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            try (var rs = st.executeQuery("select id, depends_on from catalog_service")) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    b.service(id);
                    String deps = rs.getString(2).replaceAll("[\\[\\]\"]", "");
                    for (String d : deps.split(",")) {
                        if (!d.isBlank()) {
                            b.dependsOn(id, UUID.fromString(d));
                        }
                    }
                }
            }
            try (var rs = st.executeQuery("select source_id, relation, target_id from catalog_ci_relation")) {
                while (rs.next()) {
                    b.relation(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class));
                }
            }
        }
        return b.build();
    }

    List<ScheduledChange> seed() throws Exception {
        for (int i = 0; i < SERVICES; i++) {
            services.add(UUID.randomUUID());
        }
        for (int i = 0; i < CIS; i++) {
            cis.add(UUID.randomUUID());
        }
        List<ScheduledChange> out = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into catalog_service (id, key, name, status, depends_on, updated_at) values (?, ?, ?, 'LIVE', ?, ?)")) {
                for (int i = 0; i < SERVICES; i++) {
                    List<String> deps = new ArrayList<>();
                    for (int d = 0; d < random.nextInt(3); d++) {
                        int j = random.nextInt(SERVICES);
                        if (j < i) { // acyclic: depend on earlier services only
                            deps.add("\"" + services.get(j) + "\"");
                        }
                    }
                    ps.setObject(1, services.get(i));
                    ps.setString(2, "svc-" + i);
                    ps.setString(3, "Service " + i);
                    ps.setString(4, "[" + String.join(",", deps) + "]");
                    ps.setTimestamp(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into catalog_ci_relation (relation_id, source_id, relation, target_type, target_id, updated_at)
                    values (?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < CIS; i++) {
                    UUID ci = cis.get(i);
                    if (i >= 100) { // the first 100 CIs are servers; the others run on one
                        add(ps, ci, "runs_on", "CI", cis.get(random.nextInt(100)), now);
                    }
                    for (int d = 0; d < random.nextInt(3); d++) {
                        int j = random.nextInt(CIS);
                        if (j < i && j >= 100) {
                            add(ps, ci, "depends_on", "CI", cis.get(j), now);
                        }
                    }
                    if (random.nextInt(4) == 0) {
                        add(ps, ci, "depends_on", "SERVICE", services.get(random.nextInt(SERVICES)), now);
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into change_request (id, number, title, type, state, service_ids, ci_ids, risk, risk_answers,
                        planned_start, planned_end, approval_status, approval_levels, approval_decisions, requested_by,
                        created_at, updated_at, version)
                    values (?, ?, ?, 'NORMAL', 'SCHEDULED', ?, ?, 'LOW', '{}', ?, ?, 'APPROVED', '[]', '[]', 'bench', ?, ?, 0)""")) {
                for (int i = 0; i < CHANGES; i++) {
                    UUID id = UUID.randomUUID();
                    Instant start = base.plus(Duration.ofMinutes(random.nextInt(DAYS * 24 * 60)));
                    Instant end = start.plus(Duration.ofMinutes(60 + random.nextInt(180)));
                    Set<UUID> svc = new HashSet<>();
                    for (int k = 0; k <= random.nextInt(2); k++) {
                        svc.add(services.get(random.nextInt(SERVICES)));
                    }
                    Set<UUID> ci = new HashSet<>();
                    for (int k = 0; k <= random.nextInt(3); k++) {
                        ci.add(cis.get(random.nextInt(CIS)));
                    }
                    ps.setObject(1, id);
                    ps.setString(2, String.format("BEN%07d", i));
                    ps.setString(3, "Bench change " + i);
                    ps.setString(4, json(svc));
                    ps.setString(5, json(ci));
                    ps.setTimestamp(6, Timestamp.from(start));
                    ps.setTimestamp(7, Timestamp.from(end));
                    ps.setTimestamp(8, now);
                    ps.setTimestamp(9, now);
                    ps.addBatch();
                    Set<UUID> scope = new HashSet<>(svc);
                    scope.addAll(ci);
                    out.add(new ScheduledChange(id, String.format("BEN%07d", i), start, end, scope));
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            try (var st = c.createStatement()) {
                st.executeUpdate("update catalog_graph_version set version = version + 1 where id = 1");
                st.execute("analyze change_request");
            }
            c.commit();
        }
        return out;
    }

    static void add(PreparedStatement ps, UUID source, String relation, String targetType, UUID target, Timestamp now) throws Exception {
        ps.setObject(1, UUID.randomUUID());
        ps.setObject(2, source);
        ps.setString(3, relation);
        ps.setString(4, targetType);
        ps.setObject(5, target);
        ps.setTimestamp(6, now);
        ps.addBatch();
    }

    static String json(Set<UUID> ids) {
        List<String> quoted = ids.stream().map(u -> "\"" + u + "\"").toList();
        return "[" + String.join(",", quoted) + "]";
    }
}
