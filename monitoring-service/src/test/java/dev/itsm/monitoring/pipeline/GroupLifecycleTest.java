package dev.itsm.monitoring.pipeline;

import static dev.itsm.monitoring.pipeline.AlertFeed.firing;
import static dev.itsm.monitoring.pipeline.AlertFeed.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.GroupState;
import dev.itsm.monitoring.replica.ReplicaFixtures;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** A group resolves when all its alerts stayed clear for the hold-down, holds through a flap, reopens in its window. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class GroupLifecycleTest {

    @Inject
    AlertFeed feed;

    @Inject
    GroupResolutionJob resolution;

    private UUID twoAlertGroup(String tag, String fp1, String fp2) {
        UUID db = ReplicaFixtures.ci("db-" + tag);
        UUID app = ReplicaFixtures.ci("app-" + tag);
        ReplicaFixtures.relate(app, "depends_on", db);
        feed.feed(firing(fp1, "DiskFull", "db-" + tag), firing(fp2, "HighErrorRate", "app-" + tag));
        UUID group = feed.alertByFingerprint(fp1).groupId();
        assertEquals(group, feed.alertByFingerprint(fp2).groupId());
        return group;
    }

    @Test
    void whenEveryAlertResolvedTheGroupResolvesAfterTheHoldDown() {
        String tag = AlertFeed.fingerprint();
        String fp1 = AlertFeed.fingerprint();
        String fp2 = AlertFeed.fingerprint();
        UUID group = twoAlertGroup(tag, fp1, fp2);

        feed.feed(resolved(fp1, "DiskFull", "db-" + tag));
        assertEquals(1, feed.group(group).firingCount());
        assertNull(feed.group(group).resolvingSince());
        feed.feed(resolved(fp2, "HighErrorRate", "app-" + tag));
        AlertGroup clear = feed.group(group);
        assertEquals(0, clear.firingCount());
        assertNotNull(clear.resolvingSince(), "all clear: waiting out the flap window");
        assertEquals(GroupState.OPEN, clear.state());

        resolution.resolveDue();
        assertEquals(GroupState.OPEN, feed.group(group).state(), "not before the hold-down (PT5M)");
        TestClock.INSTANCE.advance(Duration.ofMinutes(5).plusSeconds(1));
        resolution.resolveDue();
        AlertGroup resolvedGroup = feed.group(group);
        assertEquals(GroupState.RESOLVED, resolvedGroup.state());
        List<JsonNode> events = feed.events("AlertGroupResolved", group);
        assertEquals(1, events.size());
        assertEquals(true, events.get(0).path("autoResolve").asBoolean());
        assertEquals("RESOLVED", events.get(0).path("state").asText());
        assertNotNull(events.get(0).path("resolutionNote").textValue());
    }

    @Test
    void anAlertThatResolvesAndFiresAgainWithinItsFlapWindowKeepsTheGroupOpen() {
        String tag = AlertFeed.fingerprint();
        String fp1 = AlertFeed.fingerprint();
        String fp2 = AlertFeed.fingerprint();
        UUID group = twoAlertGroup(tag, fp1, fp2);
        Alert before = feed.alertByFingerprint(fp1);
        feed.feed(resolved(fp2, "HighErrorRate", "app-" + tag), resolved(fp1, "DiskFull", "db-" + tag));
        assertNotNull(feed.group(group).resolvingSince());

        TestClock.INSTANCE.advance(Duration.ofMinutes(3));
        feed.feed(firing(fp1, "DiskFull", "db-" + tag));
        Alert after = feed.alertByFingerprint(fp1);
        assertEquals(before.id(), after.id(), "the same alert");
        assertEquals(1, after.flapCount());
        assertNull(feed.group(group).resolvingSince(), "a member fires again: the resolution stops");
        assertEquals(1, feed.group(group).firingCount());

        TestClock.INSTANCE.advance(Duration.ofMinutes(6));
        resolution.resolveDue();
        assertEquals(GroupState.OPEN, feed.group(group).state());
        assertEquals(0, feed.events("AlertGroupResolved", group).size());
    }

    @Test
    void anAlertWithinTheReopenWindowReopensTheResolvedGroup() {
        String tag = AlertFeed.fingerprint();
        String fp1 = AlertFeed.fingerprint();
        String fp2 = AlertFeed.fingerprint();
        UUID group = twoAlertGroup(tag, fp1, fp2);
        feed.feed(resolved(fp2, "HighErrorRate", "app-" + tag), resolved(fp1, "DiskFull", "db-" + tag));
        TestClock.INSTANCE.advance(Duration.ofMinutes(6));
        resolution.resolveDue();
        assertEquals(GroupState.RESOLVED, feed.group(group).state());

        TestClock.INSTANCE.advance(Duration.ofMinutes(20));
        String fp3 = AlertFeed.fingerprint();
        feed.feed(firing(fp3, "HighLatency", "app-" + tag));
        assertEquals(group, feed.alertByFingerprint(fp3).groupId(), "joins the resolved group within the reopen window");
        AlertGroup reopened = feed.group(group);
        assertEquals(GroupState.OPEN, reopened.state());
        assertEquals(1, reopened.reopenCount());
        assertEquals(1, reopened.firingCount());
        assertEquals(1, feed.events("AlertGroupReopened", group).size());
        assertEquals(List.of("AlertGroupOpened", "AlertCorrelated", "AlertCorrelated", "AlertGroupResolved",
                "AlertGroupReopened", "AlertCorrelated"), feed.eventTypes(group));
    }
}
