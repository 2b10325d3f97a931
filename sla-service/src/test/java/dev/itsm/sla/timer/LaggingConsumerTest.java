package dev.itsm.sla.timer;

import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.target;
import static dev.itsm.sla.timer.TimerFlowTest.awaitTimer;
import static dev.itsm.sla.timer.TimerFlowTest.timer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.itsm.sla.SlaTestSupport.Incident;
import dev.itsm.sla.incident.ConsumerProgress;
import dev.itsm.sla.incident.IncidentEventHandler;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The consumer is behind while a due time passes: the scheduler must not announce what an unapplied event
 * could still undo, and the late event takes effect when it happened. "Behind" is the consumer reporting
 * lag (its {@link ConsumerProgress} replaced) with the incident topic applied up to the incident's opening;
 * the late event is published only after the test clock has passed the due time.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class LaggingConsumerTest {

    static final TestClock CLOCK = TestClock.INSTANCE;

    @Inject
    DataSource ds;
    @Inject
    BreachScheduler scheduler;

    UUID service;
    Instant t0;

    @BeforeEach
    void oneHourTimer() {
        CLOCK.reset();
        service = knownService();
        agreement("Lag " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P3", "PT1H")), Map.of());
        t0 = CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    /** From now on the consumer reports records still to read, and has applied the topic up to {@code upTo}. */
    void holdConsumerBack(Instant upTo) throws Exception {
        QuarkusMock.installMockForType(new ConsumerProgress(() -> false, () -> 0), ConsumerProgress.class);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("update consumer_watermark set occurred_at = ? where topic = ?")) {
            ps.setTimestamp(1, Timestamp.from(upTo));
            ps.setString(2, IncidentEventHandler.TOPIC);
            assertEquals(1, ps.executeUpdate());
        }
    }

    Instant watermark() throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select occurred_at from consumer_watermark where topic = ?")) {
            ps.setString(1, IncidentEventHandler.TOPIC);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
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

    @Test
    void aHoldBeforeTheDueTimeThatArrivesAfterItPausesTheClockAndNothingIsBreached() throws Exception {
        Incident inc = new Incident(service, "P3", t0);
        inc.publish("IncidentOpened", t0);
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "RUNNING".equals(t.get("state")));

        holdConsumerBack(t0);
        CLOCK.advance(Duration.ofMinutes(61)); // the due time (t0 + 1h) has passed
        scheduler.runOnce(CLOCK.instant());
        assertEquals(0, announced(inc.id, "SlaBreached"), "the consumer has not applied the topic up to the due time");
        assertEquals(0, announced(inc.id, "SlaWarning"), "nor up to the 50 % and 75 % instants");
        assertEquals("RUNNING", timer(inc.id, "TIME_TO_RESOLVE").get("state"));

        // the hold happened 30 minutes in, the consumer only gets to it now
        inc.set("state", "ON_HOLD").publish("IncidentPutOnHold", t0.plus(Duration.ofMinutes(30)), "holdReason", "AWAITING_CALLER");
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "PAUSED".equals(t.get("state")));
        scheduler.runOnce(CLOCK.instant());

        Map<String, Object> paused = timer(inc.id, "TIME_TO_RESOLVE");
        assertEquals("PAUSED", paused.get("state"));
        assertEquals(1800, paused.get("elapsedBusinessSeconds"), "counted until the hold, not until the consumer saw it");
        assertEquals(1800, paused.get("remainingBusinessSeconds"));
        assertEquals(t0.plus(Duration.ofMinutes(30)).toString(), ((List<Map<String, Object>>) paused.get("pauses")).get(0).get("pausedAt"));
        assertEquals(0, announced(inc.id, "SlaBreached"));
        assertEquals(1, announced(inc.id, "SlaWarning"), "50 % was reached exactly at the hold");

        CLOCK.advance(Duration.ofMinutes(10));
        inc.set("state", "IN_PROGRESS").publish("IncidentResumed", t0.plus(Duration.ofMinutes(70)));
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "RUNNING".equals(t.get("state")));
        assertEquals(t0.plus(Duration.ofMinutes(100)).toString(), timer(inc.id, "TIME_TO_RESOLVE").get("dueAt"),
                "the due time moved by the length of the hold");
    }

    @Test
    void onceTheWatermarkPassesTheDueTimeTheBreachIsAnnouncedWhileStillBehind() throws Exception {
        Incident inc = new Incident(service, "P3", t0);
        inc.publish("IncidentOpened", t0);
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "RUNNING".equals(t.get("state")));

        holdConsumerBack(t0);
        CLOCK.advance(Duration.ofMinutes(61));
        scheduler.runOnce(CLOCK.instant());
        assertEquals(0, announced(inc.id, "SlaBreached"));

        // an event of another incident, dated after the due time, is applied: the topic is known up to then
        Instant later = CLOCK.instant().truncatedTo(ChronoUnit.MILLIS);
        new Incident(UUID.randomUUID(), "P3", later).publish("IncidentOpened", later);
        await().atMost(Duration.ofSeconds(30)).until(() -> !watermark().isBefore(later));
        scheduler.runOnce(CLOCK.instant());
        assertEquals(1, announced(inc.id, "SlaBreached"));
        assertEquals("BREACHED", timer(inc.id, "TIME_TO_RESOLVE").get("state"));
    }
}
