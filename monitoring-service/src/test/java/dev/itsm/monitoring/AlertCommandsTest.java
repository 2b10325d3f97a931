package dev.itsm.monitoring;

import static dev.itsm.monitoring.pipeline.AlertFeed.firing;
import static dev.itsm.monitoring.pipeline.AlertFeed.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.monitoring.pipeline.AlertFeed;
import dev.itsm.monitoring.pipeline.GroupResolutionJob;
import dev.itsm.monitoring.pipeline.SuppressionExpiryJob;
import dev.itsm.monitoring.replica.ReplicaFixtures;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.PreconditionFailedException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** acknowledge / suppress / unsuppress: their effects on the alert and its group, and their 409/412/422s. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class AlertCommandsTest {

    @Inject
    AlertFeed feed;

    @Inject
    AlertService alerts;

    @Inject
    GroupResolutionJob resolution;

    @Inject
    SuppressionExpiryJob expiry;

    private Alert firingAlertOnACi() {
        String tag = AlertFeed.fingerprint();
        ReplicaFixtures.ci("cmd-" + tag);
        String fp = AlertFeed.fingerprint();
        feed.feed(firing(fp, "DiskFull", "cmd-" + tag));
        Alert alert = feed.alertByFingerprint(fp);
        assertNotNull(alert.groupId());
        return alert;
    }

    @Test
    void acknowledgingTwiceIsAConflictNamingTheStateAndTheAllowedCommands() {
        Alert alert = firingAlertOnACi();
        assertEquals(List.of("acknowledge", "suppress"), alert.allowedCommands());
        Alert acked = alerts.acknowledge(alert.id(), null, "alice", "on it");
        assertEquals("alice", acked.acknowledgedBy());
        assertEquals(List.of("suppress"), acked.allowedCommands());
        assertEquals(1, feed.events("AlertAcknowledged", alert.id()).size());

        IllegalTransitionException conflict = assertThrows(IllegalTransitionException.class,
                () -> alerts.acknowledge(alert.id(), null, "bob", null));
        assertEquals(409, conflict.status());
        assertEquals(List.of("suppress"), conflict.toProblem("/").getExtensions().get("allowedCommands"));
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailure() {
        Alert alert = firingAlertOnACi();
        assertThrows(PreconditionFailedException.class,
                () -> alerts.acknowledge(alert.id(), "\"" + (alert.version() + 7) + "\"", "alice", null));
        alerts.acknowledge(alert.id(), "\"" + alert.version() + "\"", "alice", null);
    }

    @Test
    void suppressingTakesTheAlertOutOfItsGroupUntilItExpiresOrIsLifted() {
        Alert alert = firingAlertOnACi();
        UUID group = alert.groupId();
        Instant now = TestClock.INSTANCE.instant();
        assertThrows(UnprocessableException.class,
                () -> alerts.suppress(alert.id(), null, "alice", now.minusSeconds(1), "past"));
        assertThrows(UnprocessableException.class,
                () -> alerts.suppress(alert.id(), null, "alice", now.plus(Duration.ofDays(31)), "too long"));

        Alert suppressed = alerts.suppress(alert.id(), null, "alice", now.plus(Duration.ofHours(2)), "known issue");
        assertEquals(SuppressionReason.MANUAL, suppressed.suppression().reason());
        assertEquals("alice", suppressed.suppression().by());
        assertEquals(0, feed.group(group).firingCount(), "a suppressed alert does not count");
        assertNotNull(feed.group(group).resolvingSince());
        assertThrows(IllegalTransitionException.class,
                () -> alerts.suppress(alert.id(), null, "alice", now.plus(Duration.ofHours(1)), "again"));

        Alert lifted = alerts.unsuppress(alert.id(), null, "alice");
        assertNull(lifted.suppression());
        assertEquals(1, feed.group(group).firingCount());
        assertNull(feed.group(group).resolvingSince());
        assertEquals(1, feed.events("AlertUnsuppressed", alert.id()).size());
        assertThrows(IllegalTransitionException.class, () -> alerts.unsuppress(alert.id(), null, "alice"));

        alerts.suppress(alert.id(), null, "alice", TestClock.INSTANCE.instant().plus(Duration.ofMinutes(10)), "short");
        TestClock.INSTANCE.advance(Duration.ofMinutes(11));
        expiry.liftExpired();
        assertNull(feed.alertByFingerprint(alert.dedupKey()).suppression(), "expired: lifted by the job");
        assertEquals(1, feed.group(group).firingCount());
    }

    @Test
    void aResolvedAlertTakesNoCommand() {
        Alert alert = firingAlertOnACi();
        feed.feed(resolved(alert.dedupKey(), "DiskFull", alert.ciName()));
        IllegalTransitionException conflict = assertThrows(IllegalTransitionException.class,
                () -> alerts.acknowledge(alert.id(), null, "alice", null));
        assertEquals("RESOLVED", conflict.toProblem("/").getExtensions().get("currentState"));
        assertEquals(List.of(), conflict.toProblem("/").getExtensions().get("allowedCommands"));
        assertThrows(IllegalTransitionException.class, () -> alerts.unsuppress(alert.id(), null, "alice"));
    }
}
