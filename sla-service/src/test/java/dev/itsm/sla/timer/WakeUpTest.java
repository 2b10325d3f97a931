package dev.itsm.sla.timer;

import static dev.itsm.sla.SlaTestSupport.SLA_TOPIC;
import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.itsm.sla.SlaConfig;
import dev.itsm.sla.SlaTestSupport.Incident;
import dev.itsm.sla.incident.IncidentWatermark;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Warnings and breaches are announced when they are due, woken by the in-memory queue, not found by polling:
 * the safety-net poll is an hour apart here, so everything announced within a test was woken for. Time passes
 * by moving the test clock past the due instant.
 */
@QuarkusTest
@TestProfile(WakeUpTest.PollingOff.class)
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class WakeUpTest {

    /** The safety-net poll an hour apart (and first run an hour after start). */
    public static class PollingOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sla.scheduler.interval", "1h");
        }
    }

    static final TestClock CLOCK = TestClock.INSTANCE;
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource ds;
    @Inject
    BreachScheduler scheduler;
    @Inject
    TimerService timers;
    @Inject
    IncidentWatermark watermark;
    @Inject
    SlaConfig config;
    @Inject
    Clock clock;

    UUID service;
    Instant t0;

    @BeforeEach
    void oneHourTimers() {
        CLOCK.reset();
        service = knownService();
        // P3 is due in an hour, P4 in two; only time to resolve, so one timer per incident
        agreement("Wake " + service, service, TWENTY_FOUR_SEVEN,
                List.of(target("TIME_TO_RESOLVE", "P3", "PT1H"), target("TIME_TO_RESOLVE", "P4", "PT2H")), Map.of());
        t0 = CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    Incident opened(String priority) {
        Incident inc = new Incident(service, priority, t0);
        inc.publish("IncidentOpened", t0);
        return inc;
    }

    static void awaitState(UUID incidentId, String state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> state.equals(
                reader().queryParam("incidentId", incidentId).get("/api/v1/sla/timers").then().statusCode(200).extract().path("items[0].state")));
    }

    long announced(UUID incidentId, String type) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from outbox_event where aggregate_id = ? and event_type = ?")) {
            ps.setString(1, incidentId.toString());
            ps.setString(2, "dev.itsm.sla." + type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void awaitAnnounced(UUID incidentId, String type) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> announced(incidentId, type) == 1);
    }

    @Test
    void aBreachIsAnnouncedWhenDueWithoutWaitingForThePoll() throws Exception {
        Incident inc = opened("P3");
        awaitState(inc.id, "RUNNING");

        CLOCK.advance(Duration.ofMinutes(61));

        awaitAnnounced(inc.id, "SlaBreached");
        List<Received> onTopic = TopicReader.await(SLA_TOPIC, 1, WAIT,
                r -> inc.id.toString().equals(r.key()) && "dev.itsm.sla.SlaBreached".equals(r.ceType()));
        assertEquals(1, onTopic.size());
        Instant breachedAt = breachedAt(inc.id);
        assertTrue(!breachedAt.isBefore(t0.plus(Duration.ofHours(1))), "never before the due time: " + breachedAt);
    }

    @Test
    void aTimerPausedBeforeItsDueTimeIsNotAnnounced() throws Exception {
        Incident held = opened("P3");
        Incident control = opened("P3"); // due at the same instant: once it is announced, the wake-up has run
        awaitState(held.id, "RUNNING");
        awaitState(control.id, "RUNNING");
        CLOCK.advance(Duration.ofMinutes(20));
        held.set("state", "ON_HOLD").publish("IncidentPutOnHold", CLOCK.instant(), "holdReason", "AWAITING_CALLER");
        awaitState(held.id, "PAUSED");

        CLOCK.advance(Duration.ofMinutes(41));

        awaitAnnounced(control.id, "SlaBreached");
        assertEquals(0, announced(held.id, "SlaBreached"), "a paused clock is not breached");
        assertEquals(0, announced(held.id, "SlaWarning"), "nor warned: it stopped at a third, before the first threshold (50 %)");
    }

    @Test
    void aRetargetMovesTheWakeUp() throws Exception {
        Incident sooner = opened("P4"); // due in two hours, then in one
        Incident later = opened("P3"); // due in one hour, then in two
        awaitState(sooner.id, "RUNNING");
        awaitState(later.id, "RUNNING");
        sooner.set("priority", "P3").publish("IncidentPriorityChanged", t0, "previousPriority", "P4");
        later.set("priority", "P4").publish("IncidentPriorityChanged", t0, "previousPriority", "P3");
        awaitAnnounced(sooner.id, "SlaTimerRetargeted");
        awaitAnnounced(later.id, "SlaTimerRetargeted");

        CLOCK.advance(Duration.ofMinutes(61));
        awaitAnnounced(sooner.id, "SlaBreached");
        assertEquals(0, announced(later.id, "SlaBreached"), "its wake-up moved to the new due time");

        CLOCK.advance(Duration.ofMinutes(60));
        awaitAnnounced(later.id, "SlaBreached");
    }

    @Test
    void twoInstancesAnnounceEachBreachExactlyOnce() throws Exception {
        int n = 30;
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            incidents.add(opened("P3"));
        }
        for (Incident inc : incidents) {
            awaitState(inc.id, "RUNNING");
        }
        // the due time comes within the queue's horizon: both instances hold every timer in memory
        CLOCK.advance(Duration.ofMinutes(59));
        await().atMost(WAIT).until(() -> scheduler.queued() >= n);
        // another instance on the same database: it did not make these changes, its start-up load finds them
        BreachScheduler other = new BreachScheduler(timers, watermark, config, clock);
        other.start();
        try {
            await().atMost(WAIT).until(() -> other.queued() >= n);

            CLOCK.advance(Duration.ofMinutes(2));

            Set<String> ids = incidents.stream().map(inc -> inc.id.toString()).collect(Collectors.toSet());
            List<Received> breaches = TopicReader.await(SLA_TOPIC, n, WAIT,
                    r -> ids.contains(r.key()) && "dev.itsm.sla.SlaBreached".equals(r.ceType()));
            // both instances had every timer queued: a second announcement would be there by now
            other.runOnce(CLOCK.instant());
            for (Incident inc : incidents) {
                assertEquals(1, announced(inc.id, "SlaBreached"), "announced once: " + inc.id);
            }
            Map<String, Long> perIncident = breaches.stream().collect(Collectors.groupingBy(Received::key, Collectors.counting()));
            assertEquals(n, perIncident.size());
            assertTrue(perIncident.values().stream().allMatch(c -> c == 1), "one record per breach on the topic: " + perIncident);
        } finally {
            other.stop();
        }
    }

    @Test
    void theQueueIsLoadedFromTheIndexOnNextCheckAt() throws Exception {
        List<String> plan = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement off = c.prepareStatement("set enable_seqscan = off; set enable_bitmapscan = off");
                PreparedStatement ps = c.prepareStatement(
                "explain select id, next_check_at, version from sla_timer where next_check_at <= ? order by next_check_at limit 50000")) {
            // a test database holds a few hundred timers, which a scan (or a bitmap) reads faster; whether the index
            // serves the query (range and order) is what counts here, the plan at a million timers is the benchmark's
            off.execute();
            ps.setTimestamp(1, Timestamp.from(CLOCK.instant().plus(config.scheduler().horizon())));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        String text = String.join("\n", plan);
        assertTrue(text.contains("sla_timer_next_check"), text);
        assertTrue(!text.contains("Sort"), "read in index order:\n" + text);
    }

    Instant breachedAt(UUID incidentId) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select breached_at from sla_timer where incident_id = ?")) {
            ps.setObject(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

}
