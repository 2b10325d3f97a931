package dev.itsm.sla.bench;

import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.HdrHistogram.Histogram;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.itsm.sla.SlaConfig;
import dev.itsm.sla.SlaTestSupport.Incident;
import dev.itsm.sla.timer.BreachScheduler;
import dev.itsm.sla.timer.TimerService;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Breach-detection lag and scheduler cost, on the real embedded PostgreSQL and Kafka. Prints numbers;
 * run with {@code ./mvnw -pl sla-service test -Dgroups=benchmark -DexcludedGroups=none -Dtest=SchedulerBenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(SchedulerBenchmark.ProductionPolling.class)
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class SchedulerBenchmark {

    /** The safety-net poll at its production interval, not the test profile's 200 ms. */
    public static class ProductionPolling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sla.scheduler.interval", "30s");
        }
    }

    @Inject
    DataSource ds;
    @Inject
    BreachScheduler scheduler;
    @Inject
    TimerService timers;
    @Inject
    SlaConfig config;
    @ConfigProperty(name = "sla.scheduler.interval")
    String interval;

    static String ms(Histogram h) {
        return String.format("p50 %d ms, p90 %d ms, p99 %d ms, max %d ms, mean %.1f ms (n=%d)", h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue(), h.getMean(), h.getTotalCount());
    }

    /**
     * Lag from due time to {@code SlaBreached}, with {@code bench.sla.running-timers} (default 1,000,000) other timers
     * running. The probes' incidents are published at once, opened {@code 50 ms} apart in the near future, so their
     * due times come one by one over 15 s while the consumer is idle (the watermark is the clock); each breach is
     * woken for by the in-memory queue the consumer fed. The safety-net poll is at its production interval (30 s).
     */
    @Test
    void breachDetectionLag() throws Exception {
        int running = Integer.getInteger("bench.sla.running-timers", 1_000_000);
        int n = Integer.getInteger("bench.sla.probes", 300);
        UUID service = knownService();
        String agreementId = agreement("Lag " + service, service, TWENTY_FOUR_SEVEN,
                List.of(target("TIME_TO_RESOLVE", "P1", "PT3S")), Map.of("warningThresholds", List.of(50)));
        long t0 = System.nanoTime();
        insertRunningTimers(agreementId, running, TestClock.INSTANCE.instant().plus(Duration.ofMinutes(10)));
        double insertSeconds = (System.nanoTime() - t0) / 1e9;

        // opened far enough ahead that the consumer has started every probe's timer before the first is due: the
        // lag measured is the scheduler's, not the consumer's backlog (printed below)
        Instant first = TestClock.INSTANCE.instant().plusSeconds(20);
        for (int i = 0; i < n; i++) {
            Instant openedAt = first.plusMillis(50L * i);
            new Incident(service, "P1", openedAt).publish("IncidentOpened", openedAt);
        }
        String started = "select count(*) from sla_timer where agreement_name <> 'bulk' and agreement_id::text like ?";
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> count(started, agreementId) == n);
        Duration margin = Duration.between(TestClock.INSTANCE.instant(), first.plusSeconds(3));
        String published = "select count(*) from outbox_event where event_type = 'dev.itsm.sla.SlaBreached' and published_at is not null and payload like ?";
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> count(published, agreementId) == n);
        Histogram detected = new Histogram(3_600_000L, 3);
        Histogram onKafka = new Histogram(3_600_000L, 3);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select extract(epoch from (occurred_at - (payload::jsonb->>'dueAt')::timestamptz)) * 1000,
                       extract(epoch from (published_at - (payload::jsonb->>'dueAt')::timestamptz)) * 1000
                from outbox_event where event_type = 'dev.itsm.sla.SlaBreached' and payload like ?""")) {
            ps.setString(1, "%" + agreementId + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    detected.recordValue(Math.max(0, Math.round(rs.getDouble(1))));
                    onKafka.recordValue(Math.max(0, Math.round(rs.getDouble(2))));
                }
            }
        }
        System.out.printf("%n=== Breach-detection lag, %d probes with a 3 s target, %,d other timers running (inserted in %.1f s) ===%n",
                n, running, insertSeconds);
        System.out.println("every probe's timer started " + margin.toMillis() + " ms before the first due time"
                + (margin.isNegative() ? " (NEGATIVE: the consumer was late, the lag below includes its backlog)" : ""));
        System.out.println("wake-ups from the in-memory queue; safety-net poll every " + interval + ", tick " + config.scheduler().tick()
                + ", horizon " + config.scheduler().horizon());
        System.out.println("due time -> SlaBreached written (the round's instant):      " + ms(detected));
        System.out.println("due time -> SlaBreached published to Kafka (relay acked): " + ms(onKafka));
        exec("delete from sla_timer where agreement_id = '" + agreementId + "' and agreement_name = 'bulk'"); // not the other benchmark's
    }

    /** {@code n} running timers whose next checks are spread over a day from {@code from}, never due during the run. */
    void insertRunningTimers(String agreementId, int n, Instant from) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into sla_timer (id, incident_id, agreement_id, agreement_revision, agreement_name, calendar_id, metric, priority,
                  target_millis, warning_thresholds, warned_percent, phase, breached, started_at, running_since, accumulated_millis,
                  due_at, next_check_at, last_change_at, version)
                select gen_random_uuid(), gen_random_uuid(), ?::uuid, 1, 'bulk', ?::uuid, 'TIME_TO_RESOLVE', 'P1', 86400000, '[]', 0,
                       'RUNNING', false, ?::timestamptz, ?::timestamptz, 0, ?::timestamptz + g * (interval '1 day' / ?::int),
                       ?::timestamptz + g * (interval '1 day' / ?::int), ?::timestamptz, 0
                from generate_series(1, ?) g""")) {
            Timestamp at = Timestamp.from(from);
            ps.setString(1, agreementId);
            ps.setString(2, TWENTY_FOUR_SEVEN);
            ps.setTimestamp(3, at);
            ps.setTimestamp(4, at);
            ps.setTimestamp(5, at);
            ps.setInt(6, n);
            ps.setTimestamp(7, at);
            ps.setInt(8, n);
            ps.setTimestamp(9, at);
            ps.setInt(10, n);
            ps.executeUpdate();
        }
        exec("analyze sla_timer");
    }

    @Test
    void schedulerCostWith100kRunningTimers() throws Exception {
        UUID service = knownService();
        String agreementId = agreement("Bulk " + service, service, TWENTY_FOUR_SEVEN,
                List.of(target("TIME_TO_RESOLVE", "P1", "PT1H")), Map.of());
        int running = 100_000;
        int due = 2_000;
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into sla_timer (id, incident_id, agreement_id, agreement_revision, agreement_name, calendar_id, metric, priority,
                  target_millis, warning_thresholds, warned_percent, phase, breached, started_at, running_since, accumulated_millis,
                  due_at, next_check_at, last_change_at, version)
                select gen_random_uuid(), gen_random_uuid(), ?::uuid, 1, 'bulk', ?::uuid, 'TIME_TO_RESOLVE', 'P1', 3600000, '[50,75]', 0,
                       'RUNNING', false, now(), now(), 0, now() + interval '1 day', now() + interval '1 day' + g * interval '1 second', now(), 0
                from generate_series(1, ?) g""")) {
            ps.setString(1, agreementId);
            ps.setString(2, TWENTY_FOUR_SEVEN);
            ps.setInt(3, running);
            ps.executeUpdate();
        }
        exec("analyze sla_timer");
        double insertSeconds = (System.nanoTime() - t0) / 1e9;

        // idle rounds: 100k running timers, none due (what a safety-net poll pays)
        Histogram idle = new Histogram(60_000_000L, 3);
        for (int i = 0; i < 200; i++) {
            long s = System.nanoTime();
            scheduler.runOnce(Instant.now());
            idle.recordValue((System.nanoTime() - s) / 1000);
        }
        String plan = explain();

        // loading the wake-up queue: a full capacity of next checks read through the index
        int capacity = config.scheduler().queueCapacity();
        long l = System.nanoTime();
        int loaded = timers.nextChecks(Instant.now().plus(Duration.ofDays(3)), capacity).size();
        double loadMillis = (System.nanoTime() - l) / 1e6;

        // busy round: 2,000 of them become due at once (breach), claimed in batches of 500 with SKIP LOCKED
        Instant later = Instant.now().plus(Duration.ofHours(2));
        exec("update sla_timer set next_check_at = now() + interval '1 hour', running_since = now() - interval '10 minutes' "
                + "where id in (select id from sla_timer where agreement_id = '" + agreementId + "' limit " + due + ")");
        long s = System.nanoTime();
        // the rounds themselves, not the watermark: after the lag benchmark the consumer may still report lag
        int batch = config.scheduler().batchSize();
        int processed = 0;
        int n;
        do {
            n = timers.processDue(later, batch);
            processed += n;
        } while (n == batch);
        double busySeconds = (System.nanoTime() - s) / 1e9;

        System.out.println("\n=== Scheduler cost with " + String.format("%,d", running) + " running timers ===");
        System.out.printf("setup: inserted %,d timers in %.1f s%n", running, insertSeconds);
        System.out.println("idle round (nothing due), µs: " + String.format("p50 %d, p90 %d, p99 %d, max %d, mean %.0f (n=%d)",
                idle.getValueAtPercentile(50), idle.getValueAtPercentile(90), idle.getValueAtPercentile(99), idle.getMaxValue(),
                idle.getMean(), idle.getTotalCount()));
        System.out.printf("busy round: %,d due timers evaluated + SlaBreached appended to the outbox in %.2f s (%,.0f timers/s)%n",
                processed, busySeconds, processed / busySeconds);
        System.out.printf("wake-up queue load: %,d next checks (the capacity) in %.0f ms%n", loaded, loadMillis);
        System.out.println("query plan of the claim query:\n" + plan);
    }

    long count(String sql, String like) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, "%" + like + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void exec(String sql) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    String explain() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "explain select * from sla_timer where next_check_at <= ? order by next_check_at limit 500 for update skip locked")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add("  " + rs.getString(1));
                }
            }
        }
        return String.join("\n", lines);
    }
}
