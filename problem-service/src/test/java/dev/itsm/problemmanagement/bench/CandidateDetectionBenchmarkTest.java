package dev.itsm.problemmanagement.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.platform.events.InboundEvent;
import dev.itsm.problemmanagement.candidate.CandidateConfig;
import dev.itsm.problemmanagement.candidate.CandidateDetector;
import dev.itsm.problemmanagement.replica.IncidentEventHandler;
import dev.itsm.problemmanagement.replica.IncidentReplica;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Candidate detection over a large incident replica. Seeds, with SQL, {@code bench.incidents} (100,000) incidents over
 * the past year on ~2,000 CIs of ~100 services, skewed (a few CIs and services get most incidents, as in life), and a
 * three-level dependency graph (apps depend on platform CIs, which run on infrastructure CIs). Then measures:
 * <ul>
 * <li>the full re-scan (the sweep's {@link CandidateDetector#rescan}): first run (creates the candidates) and
 * steady-state runs;</li>
 * <li>detection per new incident ({@link CandidateDetector#incidentOpened}) alone, on a replica row written in the
 * same transaction;</li>
 * <li>the whole handler path per IncidentOpened ({@link IncidentEventHandler#handle}: replica upsert, the reopen check of
 * problems in verification, detection, commit), as the consumer runs it minus Kafka.</li>
 * </ul>
 * Not a test: it prints numbers. {@code ./mvnw -B -o verify -pl problem-service -Dgroups=benchmark
 * -DexcludedGroups=none -Dtest=CandidateDetectionBenchmarkTest}; tunables {@code -Dbench.incidents=100000
 * -Dbench.opened=500}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class CandidateDetectionBenchmarkTest {

    static final int INFRA = 100;
    static final int PLATFORM = 400;
    static final int APPS = 1500;
    static final int CIS = INFRA + PLATFORM + APPS;
    static final int SERVICES = 100;

    @Inject
    CandidateDetector detector;
    @Inject
    IncidentEventHandler handler;
    @Inject
    CandidateConfig config;

    final ObjectMapper json = new ObjectMapper();
    final Random random = new Random(42);

    @Test
    void candidateDetectionOverOneHundredThousandIncidents() throws Exception {
        int incidents = Integer.getInteger("bench.incidents", 100_000);
        int opened = Integer.getInteger("bench.opened", 500);
        Instant now = TestClock.INSTANCE.instant();

        long seedStart = System.nanoTime();
        UUID[] ciIds;
        UUID[] serviceOf;
        long relations;
        try (Connection c = connection()) {
            ciIds = new UUID[CIS];
            serviceOf = new UUID[CIS];
            relations = seed(c, incidents, now, ciIds, serviceOf);
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        long inWindow = count("select count(*) from incident_replica where opened_at >= ?", Timestamp.from(now.minus(config.window())));

        // full re-scan: the first creates the candidates, the next ones find them in place
        long t = System.nanoTime();
        int created = detector.rescan();
        double firstRescanMs = (System.nanoTime() - t) / 1e6;
        Histogram rescans = new Histogram(600_000_000_000L, 3);
        for (int i = 0; i < 5; i++) {
            t = System.nanoTime();
            detector.rescan();
            rescans.recordValue(System.nanoTime() - t);
        }
        long openAfterScan = count("select count(*) from problem_candidate where state = 'OPEN'");

        // detection alone, per new incident
        Histogram detection = new Histogram(600_000_000_000L, 3);
        int[] detected = { 0 };
        for (int i = 0; i < opened; i++) {
            int ci = pickCi();
            UUID ciId = ciIds[ci];
            UUID service = serviceOf[ci];
            QuarkusTransaction.requiringNew().run(() -> {
                IncidentReplica r = IncidentReplica.replicaOf(UUID.randomUUID());
                Instant at = TestClock.INSTANCE.instant();
                r.replicate("INCB" + random.nextInt(1_000_000), "bench", "NEW", "P3", service, ciId, at, at);
                r.persist();
                long s = System.nanoTime();
                detected[0] += detector.incidentOpened(r);
                detection.recordValue(System.nanoTime() - s);
            });
        }

        // the handler path, per IncidentOpened (replica upsert + reopen check + detection + commit)
        Histogram handled = new Histogram(600_000_000_000L, 3);
        for (int i = 0; i < opened; i++) {
            int ci = pickCi();
            InboundEvent event = incidentOpened(UUID.randomUUID(), serviceOf[ci], ciIds[ci], TestClock.INSTANCE.instant());
            long s = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() -> handler.handle(event));
            handled.recordValue(System.nanoTime() - s);
        }
        // the detection's three queries alone (JDBC, no Hibernate, no transaction around them), for the same kind of CIs
        Histogram sqlOnly = new Histogram(600_000_000_000L, 3);
        try (Connection c = connection(); Statement st = c.createStatement()) {
            for (int i = 0; i < opened; i++) {
                int ci = pickCi();
                long s = System.nanoTime();
                for (String q : detectionQueries(ciIds[ci], serviceOf[ci], TestClock.INSTANCE.instant())) {
                    try (ResultSet rs = st.executeQuery(q)) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
                sqlOnly.recordValue(System.nanoTime() - s);
            }
        }
        long open = count("select count(*) from problem_candidate where state = 'OPEN'");
        long byKind = count("select count(distinct kind) from problem_candidate where state = 'OPEN'");

        System.out.println(String.format(Locale.ROOT, """

                candidate detection benchmark (problem-service, PostgreSQL replica, in-process; no Kafka in the timings)
                  replica                                  : %,d incidents over 365 days, %,d CIs (%d infra / %d platform / %d apps), %d services, %,d relations
                  window / thresholds / depth              : %s / CI %d, SERVICE %d, UPSTREAM_CI %d / %d
                  incidents in the window                  : %,d
                  seeding (SQL)                            : %.1f s
                  full re-scan, first (creates %,d)        : %.1f ms
                  full re-scan, steady p50 / max (5 runs)  : %.1f / %.1f ms
                  OPEN candidates after the scan           : %,d
                  detection per new incident  p50/p90/p99/max : %.2f / %.2f / %.2f / %.2f ms   (%d incidents, %d new candidates)
                  handler path per IncidentOpened p50/p90/p99/max : %.2f / %.2f / %.2f / %.2f ms   (%d events, incl. replica upsert, reopen check, commit)
                  its 3 group queries alone (JDBC) p50/p90/p99 : %.2f / %.2f / %.2f ms
                  OPEN candidates at the end               : %,d (%d kinds)
                  cores available / system load average    : %d / %.1f (the machine is shared: a load above the cores slows every number)
                """,
                incidents, CIS, INFRA, PLATFORM, APPS, SERVICES, relations,
                config.window(), config.thresholds().ci(), config.thresholds().service(), config.thresholds().upstreamCi(),
                config.upstreamDepth(), inWindow, seedSeconds, created, firstRescanMs,
                ms(rescans.getValueAtPercentile(50)), ms(rescans.getMaxValue()), openAfterScan,
                ms(detection.getValueAtPercentile(50)), ms(detection.getValueAtPercentile(90)),
                ms(detection.getValueAtPercentile(99)), ms(detection.getMaxValue()), opened, detected[0],
                ms(handled.getValueAtPercentile(50)), ms(handled.getValueAtPercentile(90)),
                ms(handled.getValueAtPercentile(99)), ms(handled.getMaxValue()), opened,
                ms(sqlOnly.getValueAtPercentile(50)), ms(sqlOnly.getValueAtPercentile(90)), ms(sqlOnly.getValueAtPercentile(99)),
                open, byKind, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    /** A CI index skewed towards the low ones (density ~ 1/sqrt(i)): some CIs are trouble, most are quiet. */
    private int pickCi() {
        double u = random.nextDouble();
        return Math.min(CIS - 1, (int) (CIS * u * u));
    }

    /**
     * CIs 0..99 infrastructure, 100..499 platform (each runs on 1-2 infrastructure CIs), 500..1999 apps (each depends
     * on 1-3 platform CIs); every CI belongs to one of 100 services (skewed too); incidents picked by
     * {@link #pickCi}'s distribution in SQL, opened uniformly over the past 365 days, 95% of them closed.
     */
    private long seed(Connection c, int incidents, Instant now, UUID[] ciIds, UUID[] serviceOf) throws Exception {
        c.setAutoCommit(false);
        UUID[] services = new UUID[SERVICES];
        for (int s = 0; s < SERVICES; s++) {
            services[s] = UUID.randomUUID();
        }
        try (Statement st = c.createStatement()) {
            st.execute("create temporary table bench_ci (idx int primary key, id uuid not null, service_id uuid not null)");
        }
        try (PreparedStatement ci = c.prepareStatement("insert into catalog_ci (id, name, deleted, updated_at) values (?, ?, false, ?)");
                PreparedStatement idx = c.prepareStatement("insert into bench_ci (idx, id, service_id) values (?, ?, ?)")) {
            for (int i = 0; i < CIS; i++) {
                ciIds[i] = UUID.randomUUID();
                double u = random.nextDouble();
                serviceOf[i] = services[Math.min(SERVICES - 1, (int) (SERVICES * u * u))];
                String name = (i < INFRA ? "infra-" : i < INFRA + PLATFORM ? "platform-" : "app-") + i;
                ci.setObject(1, ciIds[i]);
                ci.setString(2, name);
                ci.setTimestamp(3, Timestamp.from(now));
                ci.addBatch();
                idx.setInt(1, i);
                idx.setObject(2, ciIds[i]);
                idx.setObject(3, serviceOf[i]);
                idx.addBatch();
            }
            ci.executeBatch();
            idx.executeBatch();
        }
        long relations = 0;
        try (PreparedStatement rel = c.prepareStatement(
                "insert into catalog_ci_relation (relation_id, source_id, relation, target_id, updated_at) values (?, ?, ?, ?, ?)")) {
            for (int i = INFRA; i < CIS; i++) {
                boolean platform = i < INFRA + PLATFORM;
                int edges = platform ? 1 + random.nextInt(2) : 1 + random.nextInt(3);
                for (int e = 0; e < edges; e++) {
                    int target = platform ? random.nextInt(INFRA) : INFRA + random.nextInt(PLATFORM);
                    rel.setObject(1, UUID.randomUUID());
                    rel.setObject(2, ciIds[i]);
                    rel.setString(3, platform ? "runs_on" : "depends_on");
                    rel.setObject(4, ciIds[target]);
                    rel.setTimestamp(5, Timestamp.from(now));
                    rel.addBatch();
                    relations++;
                }
            }
            rel.executeBatch();
        }
        try (PreparedStatement inc = c.prepareStatement("""
                insert into incident_replica (incident_id, number, title, state, priority, service_id, ci_id, opened_at, occurred_at)
                select gen_random_uuid(), 'INCS' || x.g, 'seeded incident', case when x.r < 0.95 then 'CLOSED' else 'IN_PROGRESS' end,
                       'P' || (2 + floor(x.r * 100)::int % 3), b.service_id, b.id, x.opened, x.opened
                from (select g, random() as r, least(?, floor(? * power(random(), 2))::int) as idx,
                             cast(? as timestamptz) - random() * interval '365 days' as opened
                      from generate_series(1, ?) g) x
                join bench_ci b on b.idx = x.idx""")) {
            inc.setInt(1, CIS - 1);
            inc.setInt(2, CIS);
            inc.setTimestamp(3, Timestamp.from(now));
            inc.setInt(4, incidents);
            inc.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.execute("drop table bench_ci");
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("analyze incident_replica");
            st.execute("analyze catalog_ci_relation");
            st.execute("analyze catalog_ci");
        }
        return relations;
    }

    private InboundEvent incidentOpened(UUID id, UUID service, UUID ci, Instant at) {
        ObjectNode data = json.createObjectNode();
        data.put("incidentId", id.toString());
        data.put("number", "INCH" + random.nextInt(1_000_000));
        data.put("title", "bench");
        data.put("serviceId", service.toString());
        data.put("ciId", ci.toString());
        data.put("priority", "P3");
        data.put("state", "NEW");
        data.put("openedAt", at.toString());
        data.put("occurredAt", at.toString());
        return new InboundEvent(UUID.randomUUID().toString(), "dev.itsm.incident.IncidentOpened", "/itsm/incident-service",
                id.toString(), at, "itsm.incident.events", id.toString(), data);
    }

    /** The detector's CI, upstream and service queries with these values written in. */
    private String[] detectionQueries(UUID ci, UUID service, Instant now) throws Exception {
        String from = "timestamptz '" + now.minus(config.window()) + "'";
        String upstream = ((String) field("UPSTREAM_GROUPS")).formatted(field("UPSTREAM_OF_CI"), field("DEPENDS"), field("HOSTS"),
                field("HITS_BY_CI"));
        return new String[] {
                ((String) field("GROUP_OF_CI")).replace(":key", "'" + ci + "'").replace(":from", from),
                upstream.replace(":ci", "'" + ci + "'").replace(":depth", Integer.toString(config.upstreamDepth()))
                        .replace(":from", from).replace(":threshold", Integer.toString(config.thresholds().upstreamCi())),
                ((String) field("GROUP_OF_SERVICE")).replace(":key", "'" + service + "'").replace(":from", from) };
    }

    private static Object field(String name) throws Exception {
        java.lang.reflect.Field f = CandidateDetector.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.database("itsm_problem"), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword());
    }

    private static long count(String sql, Object... args) throws Exception {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
