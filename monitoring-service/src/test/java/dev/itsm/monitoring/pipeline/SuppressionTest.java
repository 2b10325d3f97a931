package dev.itsm.monitoring.pipeline;

import static dev.itsm.monitoring.pipeline.AlertFeed.firing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.SuppressionReason;
import dev.itsm.monitoring.replica.ReplicaFixtures;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Alerts inside change and maintenance windows are suppressed, and correlated once the window is over. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class SuppressionTest {

    @Inject
    AlertFeed feed;

    @Inject
    SuppressionExpiryJob expiry;

    @Test
    void anAlertInsideAnImplementingChangesWindowIsASuspectOfTheChangeAndIsCorrelatedAfterTheWindow() {
        String tag = AlertFeed.fingerprint();
        UUID db = ReplicaFixtures.ci("db-" + tag);
        Instant now = ReplicaFixtures.now();
        UUID change = ReplicaFixtures.change(List.of(db), List.of(), "IMPLEMENT", now.minusSeconds(60),
                now.plus(Duration.ofMinutes(30)));
        String fp = AlertFeed.fingerprint();
        feed.feed(firing(fp, "DiskFull", "db-" + tag));

        Alert alert = feed.alertByFingerprint(fp);
        assertNotNull(alert.suppression());
        assertEquals(SuppressionReason.CHANGE_WINDOW, alert.suppression().reason());
        assertEquals(change.toString(), alert.suppression().changeId());
        assertNull(alert.groupId(), "no group, so no incident");
        List<JsonNode> suppressed = feed.events("AlertSuppressed", alert.id());
        assertEquals(1, suppressed.size());
        assertEquals("CHANGE_WINDOW", suppressed.get(0).path("suppression").path("reason").asText());
        assertEquals(change.toString(), suppressed.get(0).path("suppression").path("changeId").asText());
        assertEquals(ReplicaFixtures.changeNumber(change), suppressed.get(0).path("suppression").path("changeNumber").asText());

        // repeats inside the window stay suppressed
        feed.feed(firing(fp, "DiskFull", "db-" + tag));
        assertNull(feed.alertByFingerprint(fp).groupId());
        expiry.liftExpired();
        assertNotNull(feed.alertByFingerprint(fp).suppression(), "the window has not ended");

        TestClock.INSTANCE.advance(Duration.ofMinutes(31));
        expiry.liftExpired();
        Alert after = feed.alertByFingerprint(fp);
        assertNull(after.suppression());
        assertNotNull(after.groupId(), "still firing after the window: correlated, so an incident opens");
        assertEquals(1, feed.events("AlertUnsuppressed", alert.id()).size());
        assertEquals(1, feed.events("AlertGroupOpened", after.groupId()).size());
    }

    @Test
    void anAlertOnAScheduledChangesServiceIsSuppressedToo() {
        String tag = AlertFeed.fingerprint();
        UUID app = ReplicaFixtures.ci("app-" + tag);
        UUID service = UUID.randomUUID();
        ReplicaFixtures.serves(app, service);
        Instant now = ReplicaFixtures.now();
        ReplicaFixtures.change(List.of(), List.of(service), "SCHEDULED", now.minusSeconds(60), now.plus(Duration.ofMinutes(30)));
        String fp = AlertFeed.fingerprint();
        feed.feed(firing(fp, "HighErrorRate", "app-" + tag));
        assertEquals(SuppressionReason.CHANGE_WINDOW, feed.alertByFingerprint(fp).suppression().reason());
    }

    @Test
    void anAlertInsideAMaintenanceWindowOfItsServiceIsSuppressed() {
        String tag = AlertFeed.fingerprint();
        UUID app = ReplicaFixtures.ci("app-" + tag);
        UUID service = UUID.randomUUID();
        ReplicaFixtures.serves(app, service);
        LocalTime start = ReplicaFixtures.now().atOffset(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.MINUTES)
                .minusMinutes(10);
        UUID window = ReplicaFixtures.maintenanceWindow(service, EnumSet.allOf(DayOfWeek.class), start, 60, ZoneOffset.UTC);
        String fp = AlertFeed.fingerprint();
        feed.feed(firing(fp, "HighErrorRate", "app-" + tag));

        Alert alert = feed.alertByFingerprint(fp);
        assertEquals(SuppressionReason.MAINTENANCE_WINDOW, alert.suppression().reason());
        assertEquals(window.toString(), alert.suppression().windowId());
        assertNull(alert.groupId());
        assertEquals("MAINTENANCE_WINDOW",
                feed.events("AlertSuppressed", alert.id()).get(0).path("suppression").path("reason").asText());
    }
}
