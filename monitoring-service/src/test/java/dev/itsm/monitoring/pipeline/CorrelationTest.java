package dev.itsm.monitoring.pipeline;

import static dev.itsm.monitoring.pipeline.AlertFeed.firing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.intake.NormalizedAlert;
import dev.itsm.monitoring.replica.ReplicaFixtures;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Alerts correlated over the replicated CI graph into groups rooted at the root-cause candidate. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class CorrelationTest {

    @Inject
    AlertFeed feed;

    @Test
    void alertsOnTwoCisDependingOnTheSameDatabaseFormOneGroupRootedAtTheDatabase() {
        String tag = AlertFeed.fingerprint();
        UUID db = ReplicaFixtures.ci("db-" + tag);
        UUID app1 = ReplicaFixtures.ci("app1-" + tag);
        UUID app2 = ReplicaFixtures.ci("app2-" + tag);
        UUID other = ReplicaFixtures.ci("other-" + tag);
        ReplicaFixtures.relate(app1, "depends_on", db);
        ReplicaFixtures.relate(app2, "depends_on", db);

        String fp1 = AlertFeed.fingerprint();
        String fp2 = AlertFeed.fingerprint();
        String fp3 = AlertFeed.fingerprint();
        feed.feed(firing(fp1, "HighErrorRate", "app1-" + tag));
        feed.feed(firing(fp2, "HighErrorRate", "app2-" + tag), firing(fp3, "DiskFull", "other-" + tag));

        Alert a1 = feed.alertByFingerprint(fp1);
        Alert a2 = feed.alertByFingerprint(fp2);
        Alert a3 = feed.alertByFingerprint(fp3);
        assertNotNull(a1.groupId());
        assertEquals(a1.groupId(), a2.groupId(), "app-1 and app-2 share db-1: one group");
        AlertGroup group = feed.group(a1.groupId());
        assertEquals(db, group.rootCiId(), "rooted at the common upstream CI");
        assertEquals("db-" + tag, group.rootCiName());
        assertEquals("HighErrorRate on app1-" + tag, group.title(), "the first alert's summary, which names its CI once");
        assertEquals(2, group.alertCount());
        assertEquals(2, group.firingCount());
        assertEquals(1, feed.events("AlertGroupOpened", group.id()).size());
        List<JsonNode> correlated = feed.events("AlertCorrelated", group.id());
        assertEquals(2, correlated.size());
        assertFalse(correlated.get(0).path("rootChanged").asBoolean());
        assertTrue(correlated.get(1).path("rootChanged").asBoolean());
        assertEquals(a2.id().toString(), correlated.get(1).path("alert").path("alertId").asText());

        assertNotEquals(a1.groupId(), a3.groupId(), "an unrelated CI has its own group");
        assertEquals(other, feed.group(a3.groupId()).rootCiId());

        // an alert on db-1 itself joins and keeps the root
        String fp4 = AlertFeed.fingerprint();
        feed.feed(firing(fp4, "ReplicationLag", "db-" + tag));
        assertEquals(group.id(), feed.alertByFingerprint(fp4).groupId());
        assertEquals(db, feed.group(group.id()).rootCiId());
    }

    @Test
    void anAlertOutsideTheCorrelationWindowOpensANewGroup() {
        String tag = AlertFeed.fingerprint();
        UUID db = ReplicaFixtures.ci("db-" + tag);
        UUID app = ReplicaFixtures.ci("app-" + tag);
        ReplicaFixtures.relate(app, "runs_on", db);
        String fp1 = AlertFeed.fingerprint();
        String fp2 = AlertFeed.fingerprint();
        feed.feed(firing(fp1, "DiskFull", "db-" + tag));
        TestClock.INSTANCE.advance(Duration.ofMinutes(16));
        feed.feed(firing(fp2, "HighErrorRate", "app-" + tag));
        assertNotEquals(feed.alertByFingerprint(fp1).groupId(), feed.alertByFingerprint(fp2).groupId());
    }

    @Test
    void aGroupSpanningTwoServicesIsMajor() {
        String tag = AlertFeed.fingerprint();
        UUID db = ReplicaFixtures.ci("db-" + tag);
        UUID shop = ReplicaFixtures.ci("shop-" + tag);
        UUID billing = ReplicaFixtures.ci("billing-" + tag);
        ReplicaFixtures.relate(shop, "depends_on", db);
        ReplicaFixtures.relate(billing, "depends_on", db);
        UUID shopService = UUID.randomUUID();
        UUID billingService = UUID.randomUUID();
        ReplicaFixtures.serves(shop, shopService);
        ReplicaFixtures.serves(billing, billingService);

        String fp1 = AlertFeed.fingerprint();
        String fp2 = AlertFeed.fingerprint();
        feed.feed(firing(fp1, "HighErrorRate", "shop-" + tag));
        AlertGroup before = feed.group(feed.alertByFingerprint(fp1).groupId());
        assertFalse(before.major());
        assertEquals(List.of(shopService), before.serviceIds());

        feed.feed(firing(fp2, "HighErrorRate", "billing-" + tag));
        AlertGroup after = feed.group(before.id());
        assertTrue(after.major(), "two services affected: a major incident");
        assertEquals(Set.of(shopService, billingService), Set.copyOf(after.serviceIds()));
        JsonNode correlated = feed.events("AlertCorrelated", after.id()).get(1);
        assertTrue(correlated.path("major").asBoolean());
    }

    @Test
    void aStormOnOneCiAndItsDependentsOpensExactlyOneGroup() {
        String tag = AlertFeed.fingerprint();
        UUID db = ReplicaFixtures.ci("db-" + tag);
        List<String> cis = new ArrayList<>();
        cis.add("db-" + tag);
        for (int i = 0; i < 20; i++) {
            UUID app = ReplicaFixtures.ci("app" + i + "-" + tag);
            ReplicaFixtures.relate(app, "depends_on", db);
            cis.add("app" + i + "-" + tag);
        }
        // 300 distinct alerts (15 names × 20 CIs + the database's), the rest repeats: 10,000 entries
        List<String> keys = new ArrayList<>();
        List<NormalizedAlert> storm = new ArrayList<>(10_000);
        for (int i = 0; i < 10_000; i++) {
            int k = i % 300;
            String ci = cis.get(k % cis.size());
            String name = "Alert" + (k / cis.size());
            String fp = tag + "-" + k;
            if (i < 300) {
                keys.add(fp);
            }
            storm.add(firing(fp, name, ci));
        }
        for (int i = 0; i < storm.size(); i += 1_000) {
            feed.enqueue(storm.subList(i, i + 1_000));
        }
        long started = System.nanoTime();
        assertEquals(10_000, feed.processPending());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("storm: 10,000 alerts (300 distinct) processed in %.2f s = %.0f alerts/s%n", seconds,
                10_000 / seconds);

        Set<UUID> groups = keys.stream().map(k -> feed.alertByFingerprint(k).groupId()).collect(Collectors.toSet());
        assertEquals(1, groups.size(), "one group for the whole storm");
        UUID group = groups.iterator().next();
        assertEquals(1, feed.events("AlertGroupOpened", group).size(), "exactly one AlertGroupOpened");
        assertEquals(db, feed.group(group).rootCiId());
        assertEquals(300, feed.group(group).alertCount());
        long occurrences = keys.stream().mapToLong(k -> feed.alertByFingerprint(k).occurrences()).sum();
        assertEquals(10_000, occurrences);
    }

    @Test
    void twoProcessorsAtOnceOpenNoDuplicateGroup() throws Exception {
        String tag = AlertFeed.fingerprint();
        UUID db = ReplicaFixtures.ci("db-" + tag);
        List<String> cis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID app = ReplicaFixtures.ci("app" + i + "-" + tag);
            ReplicaFixtures.relate(app, "depends_on", db);
            cis.add("app" + i + "-" + tag);
        }
        List<NormalizedAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            alerts.add(firing(tag + "-" + (i % 40), "Alert" + (i % 4), cis.get(i % 10)));
        }
        feed.enqueue(alerts);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = () -> feed.processPending();
            Future<Integer> a = pool.submit(run);
            Future<Integer> b = pool.submit(run);
            assertEquals(2_000, a.get() + b.get());
        } finally {
            pool.shutdownNow();
        }
        Set<UUID> groups = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Alert alert = feed.alertByFingerprint(tag + "-" + i);
            assertEquals(1, feed.alertCount(tag + "-" + i));
            groups.add(alert.groupId());
        }
        assertEquals(1, groups.size());
        assertEquals(1, feed.events("AlertGroupOpened", groups.iterator().next()).size());
    }
}
