package dev.itsm.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Table 5: due-time computations per second (JMH, run before the suite starts so it has the machine
 * to itself), and with 100,000 and 1,000,000 running timers the lag from each probe timer's due time
 * to its SlaBreached record on {@code itsm.sla.events}, plus sla-service's CPU meanwhile. The running
 * timers are inserted with SQL (their fields as SlaTimer.start would set them; due in 1–30 days);
 * probe timers fall due spread over a window, so the lag includes the scheduler's 1 s polling.
 * Reference for the lag: the polling interval itself (uniform due times → p50 500 ms, p99 990 ms).
 */
final class SlaEngine {

    static final String TWENTY_FOUR_SEVEN = "00000000-0000-0000-0000-000000000247";

    record LagResult(int timers, Latency lag, double cpuPercent, double windowSeconds, double insertSeconds,
            double queryMs) {
    }

    private SlaEngine() {
    }

    /** JMH in forked JVMs; returns the run results (raw output in raw/jmh-*.txt). */
    static Collection<RunResult> jmh(java.nio.file.Path raw, boolean quick) throws Exception {
        System.out.println("==> JMH: due-time computations (DueTimeJmh)");
        Options options = new OptionsBuilder().include(DueTimeJmh.class.getName()).forks(1)
                .warmupIterations(quick ? 1 : 2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 3).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgs("-Xmx256m").output(raw.resolve("jmh-output.txt").toString()).build();
        return new Runner(options).run();
    }

    static void run(Suite s, Collection<RunResult> jmh, Report report) throws Exception {
        List<LagResult> results = new ArrayList<>();
        int small = s.quick ? 10_000 : 100_000;
        int large = s.quick ? 50_000 : 1_000_000;
        results.add(measure(s, small, 0));
        results.add(measure(s, large, small));

        report.heading("5. SLA engine")
                .text("Due-time computations per second, JMH 1.37, 1 fork, Throughput mode (raw/jmh-output.txt). "
                        + "Targets drawn at random up to the given maximum, start times over a year. Reference: "
                        + "Instant.plus with no calendar.");
        var t = report.table("computation", "max target", "ops/s", "± (99.9 %)", "vs Instant.plus");
        Map<String, Double> plain = new ConcurrentHashMap<>();
        for (RunResult r : jmh) {
            if (r.getParams().getBenchmark().endsWith("plainInstantPlus")) {
                plain.put(r.getParams().getParam("maxTarget"), r.getPrimaryResult().getScore());
            }
        }
        for (RunResult r : jmh) {
            String name = r.getParams().getBenchmark();
            String target = r.getParams().getParam("maxTarget");
            double score = r.getPrimaryResult().getScore();
            t.row(name.substring(name.lastIndexOf('.') + 1), target, Report.rate(score),
                    Report.rate(r.getPrimaryResult().getScoreError()), Report.ratio(score, plain.getOrDefault(target, Double.NaN)));
        }
        t.end();
        report.text("Breach detection with many running timers: scheduler every 1 s, batches of 500, "
                + "`FOR UPDATE SKIP LOCKED` on the partial index over next_check_at. Lag = SlaBreached record read "
                + "from the topic − the timer's due time (wall clocks of one machine).");
        var lag = report.table("running timers", "probes", "missing", "lag p50 ms", "lag p99 ms", "lag p99.9 ms",
                "p50 ÷ 500 ms polling bound", "sla-service CPU (one core)", "due query (EXPLAIN ANALYZE) ms",
                "timers inserted in");
        for (LagResult r : results) {
            lag.row(Report.count(r.timers()), Report.count(r.lag().requests()), Report.count(r.lag().errors()),
                    Report.ms(r.lag().p50()), Report.ms(r.lag().p99()), Report.ms(r.lag().p999()),
                    Report.ratio(r.lag().p50(), 500), String.format(Locale.ROOT, "%.1f %% over %.0f s", r.cpuPercent(),
                            r.windowSeconds()), Report.ms(r.queryMs()), Report.seconds(r.insertSeconds()));
        }
        lag.end();
    }

    /** Brings the running timers to {@code total} (from {@code existing}), then measures probe lags. */
    private static LagResult measure(Suite s, int total, int existing) throws Exception {
        int probes = s.quick ? 100 : 300;
        Duration window = s.seconds(15, 5);
        long insertStart = System.nanoTime();
        try (Connection c = s.db("itsm_sla"); Statement st = c.createStatement()) {
            int chunk = 100_000;
            for (int from = existing + 1; from <= total - probes; from += chunk) {
                int to = Math.min(total - probes, from + chunk - 1);
                System.out.printf(Locale.ROOT, "    inserting running timers %,d..%,d%n", from, to);
                st.executeUpdate("""
                        insert into sla_timer (id, incident_id, incident_number, service_id, agreement_id, agreement_revision,
                          agreement_name, calendar_id, metric, priority, target_millis, warning_thresholds, warned_percent,
                          phase, breached, started_at, running_since, accumulated_millis, due_at, next_check_at,
                          last_change_at, version)
                        select gen_random_uuid(), gen_random_uuid(), 'B' || g, '%1$s', '%2$s', 1, 'Bench SLA', '%3$s',
                          'TIME_TO_RESOLVE', 'P3', t.ms, '[]', 0, 'RUNNING', false, n.now, n.now, 0,
                          n.now + t.ms * interval '1 millisecond', n.now + (t.ms + 1) * interval '1 millisecond', n.now, 0
                        from generate_series(%4$d, %5$d) g
                        cross join (select now() as now) n
                        cross join lateral (select 86400000::bigint + (g::bigint * 2654435761) %% 2592000000 as ms) t
                        """.formatted(s.serviceId, s.agreementId, TWENTY_FOUR_SEVEN, from, to));
            }
            st.execute("vacuum analyze sla_timer");
        }
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        long running;
        try (Connection c = s.db("itsm_sla")) {
            running = Suite.count(c, "select count(*) from sla_timer where next_check_at is not null");
        }
        System.out.printf(Locale.ROOT, "==> breach lag with %,d running timers%n", running + probes);

        Map<String, Instant> dueAt = new ConcurrentHashMap<>();
        Map<String, Instant> breachedSeen = new ConcurrentHashMap<>();
        TopicTail reader = new TopicTail(s.stack.kafkaBootstrapServers(), "itsm.sla.events", "SlaBreached", (r, nanos) -> {
            Instant now = Instant.now();
            try {
                String timerId = Suite.JSON.readTree(r.value()).get("timerId").asText();
                if (dueAt.containsKey(timerId)) {
                    breachedSeen.putIfAbsent(timerId, now);
                }
            } catch (Exception e) {
                // not one of ours
            }
        });

        long pid = s.stack.supervisor().process("sla-service").pid();
        Duration cpuBefore = Procs.cpu(pid);
        long wallBefore = System.nanoTime();
        Instant first = Instant.now().plusSeconds(3);
        long spacing = window.toMillis() / probes;
        long target = 60_000;
        try (Connection c = s.db("itsm_sla"); PreparedStatement ps = c.prepareStatement("""
                insert into sla_timer (id, incident_id, incident_number, service_id, agreement_id, agreement_revision,
                  agreement_name, calendar_id, metric, priority, target_millis, warning_thresholds, warned_percent, phase,
                  breached, started_at, running_since, accumulated_millis, due_at, next_check_at, last_change_at, version)
                values (?, ?, 'PROBE', ?::uuid, ?::uuid, 1, 'Bench SLA', ?::uuid, 'TIME_TO_RESPOND', 'P1', ?, '[]', 0,
                  'RUNNING', false, ?, ?, 0, ?, ?, ?, 0)""")) {
            for (int k = 0; k < probes; k++) {
                UUID id = UUID.randomUUID();
                Instant due = first.plusMillis(k * spacing);
                Instant started = due.minusMillis(target);
                ps.setObject(1, id);
                ps.setObject(2, UUID.randomUUID());
                ps.setString(3, s.serviceId);
                ps.setString(4, s.agreementId);
                ps.setString(5, TWENTY_FOUR_SEVEN);
                ps.setLong(6, target);
                ps.setTimestamp(7, Timestamp.from(started));
                ps.setTimestamp(8, Timestamp.from(started));
                ps.setTimestamp(9, Timestamp.from(due));
                ps.setTimestamp(10, Timestamp.from(due.plusMillis(1)));
                ps.setTimestamp(11, Timestamp.from(started));
                ps.addBatch();
                dueAt.put(id.toString(), due);
            }
            ps.executeBatch();
        }
        Instant deadline = first.plus(window).plusSeconds(20);
        while (Instant.now().isBefore(deadline) && !breachedSeen.keySet().containsAll(dueAt.keySet())) {
            Thread.sleep(100);
        }
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        double cpu = (Procs.cpu(pid).minus(cpuBefore).toNanos() / 1e9) / wall * 100;
        reader.close();

        Histogram lag = Latency.histogram();
        long missing = 0;
        for (Map.Entry<String, Instant> e : dueAt.entrySet()) {
            Instant seen = breachedSeen.get(e.getKey());
            if (seen == null) {
                missing++;
            } else {
                lag.recordValue(Math.max(1, Duration.between(e.getValue(), seen).toNanos() / 1000));
            }
        }
        double query = dueQueryMs(s);
        return new LagResult((int) (running + probes), Latency.of(lag, missing, window.toSeconds()), cpu, wall,
                insertSeconds, query);
    }

    private static double dueQueryMs(Suite s) throws Exception {
        try (Connection c = s.db("itsm_sla"); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            double ms = Double.NaN;
            StringBuilder plan = new StringBuilder();
            for (int run = 0; run < 2; run++) {
                plan.setLength(0);
                try (ResultSet rs = st.executeQuery("explain (analyze, buffers) select * from sla_timer where next_check_at"
                        + " <= now() order by next_check_at limit 500 for update skip locked")) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
            ms = Suite.executionMs(plan);
            java.nio.file.Files.writeString(s.raw.resolve("explain-analyze.txt"), "-- sla due query\n" + plan + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return ms;
        }
    }
}
