package dev.itsm.sla.timer;

import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class SchedulerTest {

    @Inject
    DataSource ds;
    @Inject
    BreachScheduler scheduler;

    /** Inserts {@code n} running timers of one agreement that are past their due time. */
    static void insertDueTimers(DataSource ds, UUID agreementId, int n, Instant now) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into sla_timer (id, incident_id, agreement_id, agreement_revision, agreement_name, calendar_id, metric, priority,
                  target_millis, warning_thresholds, warned_percent, phase, breached, started_at, running_since, accumulated_millis,
                  due_at, next_check_at, last_change_at, version)
                values (?, ?, ?, 1, 'bulk', ?, 'TIME_TO_RESOLVE', 'P1', 1000, '[]', 0, 'RUNNING', false, ?, ?, 0, ?, ?, ?, 0)""")) {
            for (int i = 0; i < n; i++) {
                Timestamp started = Timestamp.from(now.minusSeconds(10));
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, UUID.randomUUID());
                ps.setObject(3, agreementId);
                ps.setObject(4, UUID.fromString(TWENTY_FOUR_SEVEN));
                ps.setTimestamp(5, started);
                ps.setTimestamp(6, started);
                ps.setTimestamp(7, Timestamp.from(now.minusSeconds(9)));
                ps.setTimestamp(8, Timestamp.from(now.minusSeconds(9)));
                ps.setTimestamp(9, started);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    long count(String sql, String arg) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void schedulersRunningSideBySideAnnounceEachBreachExactlyOnce() throws Exception {
        UUID service = knownService();
        String agreementId = agreement("Bulk " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P1", "PT1S")), Map.of());
        int n = 400;
        insertDueTimers(ds, UUID.fromString(agreementId), n, TestClock.INSTANCE.instant());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> instances = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                instances.add(() -> scheduler.runOnce(TestClock.INSTANCE.instant()));
            }
            for (Future<Integer> f : pool.invokeAll(instances)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // the service's own scheduler (every 200 ms in tests) runs beside the three and may still be
        // committing the rows it took: wait for its round to end, then count
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from sla_timer where breached and next_check_at is null and agreement_id = ?::uuid", agreementId) == n);
        assertEquals(n, count("select count(*) from outbox_event where event_type = 'dev.itsm.sla.SlaBreached' and payload like ?",
                "%" + agreementId + "%"), "each breach announced exactly once");
        scheduler.runOnce(TestClock.INSTANCE.instant());
        assertEquals(n, count("select count(*) from outbox_event where event_type = 'dev.itsm.sla.SlaBreached' and payload like ?",
                "%" + agreementId + "%"), "a later round finds nothing to announce");
    }
}
