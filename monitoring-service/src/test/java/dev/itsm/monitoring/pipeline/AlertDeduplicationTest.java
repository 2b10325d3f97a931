package dev.itsm.monitoring.pipeline;

import static dev.itsm.monitoring.pipeline.AlertFeed.firing;
import static dev.itsm.monitoring.pipeline.AlertFeed.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertState;
import dev.itsm.monitoring.intake.NormalizedAlert;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class AlertDeduplicationTest {

    @Inject
    AlertFeed feed;

    @Test
    void repeatsOfAFiringAlertCountOnOneAlertWithOneDeduplicatedEventPerBatch() {
        String fp = AlertFeed.fingerprint();
        List<NormalizedAlert> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(firing(fp, "DiskFull", "dedup-host-" + fp));
        }
        feed.enqueue(first);
        assertEquals(10, feed.processPending());

        Alert alert = feed.alertByFingerprint(fp);
        assertEquals(1, feed.alertCount(fp));
        assertEquals(10, alert.occurrences());
        assertEquals(AlertState.FIRING, alert.state());
        assertEquals(1, feed.events("AlertRaised", alert.id()).size());
        List<JsonNode> deduplicated = feed.events("AlertDeduplicated", alert.id());
        assertEquals(1, deduplicated.size(), "one AlertDeduplicated for the nine repeats of the batch");
        assertEquals(9, deduplicated.get(0).path("repeats").asInt());
        assertEquals(10, deduplicated.get(0).path("occurrences").asLong());

        feed.feed(firing(fp, "DiskFull", "dedup-host-" + fp), firing(fp, "DiskFull", "dedup-host-" + fp));
        assertEquals(1, feed.alertCount(fp));
        assertEquals(12, feed.alertByFingerprint(fp).occurrences());
        deduplicated = feed.events("AlertDeduplicated", alert.id());
        assertEquals(2, deduplicated.size(), "the next batch has its own");
        assertEquals(2, deduplicated.get(1).path("repeats").asInt());

        // within monitoring.dedup.announce-every (10 s) of that announcement: counted, not announced
        feed.feed(firing(fp, "DiskFull", "dedup-host-" + fp));
        assertEquals(13, feed.alertByFingerprint(fp).occurrences());
        assertEquals(2, feed.events("AlertDeduplicated", alert.id()).size(), "a storm of repeats is not a storm of events");

        // once the interval has passed, the next repeat announces every repeat since the last announcement
        TestClock.INSTANCE.advance(Duration.ofSeconds(10));
        feed.feed(firing(fp, "DiskFull", "dedup-host-" + fp));
        deduplicated = feed.events("AlertDeduplicated", alert.id());
        assertEquals(3, deduplicated.size());
        assertEquals(2, deduplicated.get(2).path("repeats").asInt(), "the unannounced repeat and the new one");
        assertEquals(14, deduplicated.get(2).path("occurrences").asLong());
    }

    @Test
    void aResolvedAlertThatFiresAgainWithinItsFlapWindowIsTheSameAlert() {
        String fp = AlertFeed.fingerprint();
        feed.feed(firing(fp, "HighLatency", "flap-host-" + fp));
        feed.feed(resolved(fp, "HighLatency", "flap-host-" + fp));
        Alert alert = feed.alertByFingerprint(fp);
        assertEquals(AlertState.RESOLVED, alert.state());
        assertEquals(1, feed.events("AlertResolved", alert.id()).size());

        TestClock.INSTANCE.advance(Duration.ofMinutes(2));
        feed.feed(firing(fp, "HighLatency", "flap-host-" + fp));
        Alert again = feed.alertByFingerprint(fp);
        assertEquals(alert.id(), again.id());
        assertEquals(AlertState.FIRING, again.state());
        assertEquals(1, again.flapCount());
        List<JsonNode> raised = feed.events("AlertRaised", alert.id());
        assertEquals(2, raised.size());
        assertTrue(raised.get(1).path("refired").asBoolean());
    }

    @Test
    void anAlertThatFiresAgainAfterItsFlapWindowIsANewAlert() {
        String fp = AlertFeed.fingerprint();
        feed.feed(firing(fp, "HighLatency", "late-host-" + fp), resolved(fp, "HighLatency", "late-host-" + fp));
        Alert first = feed.alertByFingerprint(fp);
        assertEquals(AlertState.RESOLVED, first.state());

        TestClock.INSTANCE.advance(Duration.ofMinutes(6));
        feed.feed(firing(fp, "HighLatency", "late-host-" + fp));
        Alert second = feed.alertByFingerprint(fp);
        assertNotEquals(first.id(), second.id());
        assertEquals(2, feed.alertCount(fp));
        assertEquals(0, second.flapCount());
    }

    @Test
    void aResolvedNoticeWithoutAFiringAlertChangesNothing() {
        String fp = AlertFeed.fingerprint();
        assertEquals(1, feed.feed(resolved(fp, "Gone", "nothing-" + fp)));
        assertEquals(0, feed.alertCount(fp));
    }
}
