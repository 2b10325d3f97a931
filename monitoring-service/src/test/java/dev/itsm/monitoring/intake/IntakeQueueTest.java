package dev.itsm.monitoring.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's contract with the processor: oldest first, claimed entries gone on commit, back on rollback, never twice. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class IntakeQueueTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    IntakeQueue queue;

    static NormalizedAlert alert(String name) {
        return new NormalizedAlert(AlertSource.GENERIC, "test", AlertStatus.FIRING, "fp-" + name, name, "warning",
                "summary of " + name, null, Map.of("alertname", name, "ci", "web-01"), Map.of("summary", "summary of " + name),
                T, null, null, T.plusSeconds(1));
    }

    static List<NormalizedAlert> alerts(String prefix, int n) {
        List<NormalizedAlert> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(alert(prefix + i));
        }
        return list;
    }

    @BeforeEach
    void drain() {
        while (!QuarkusTransaction.requiringNew().call(() -> queue.claim(1_000)).isEmpty()) {
            // entries other tests left behind
        }
    }

    @Test
    void claimTakesTheOldestInOrderAndDeletesThemOnCommit() {
        QuarkusTransaction.requiringNew().run(() -> queue.append(alerts("a", 5)));
        assertEquals(5, queue.depth());
        assertEquals(T.plusSeconds(1), queue.oldestReceivedAt().orElseThrow());

        List<QueuedAlert> first = QuarkusTransaction.requiringNew().call(() -> queue.claim(3));
        assertEquals(List.of(alert("a0"), alert("a1"), alert("a2")), first.stream().map(QueuedAlert::alert).toList(),
                "stored and read back unchanged, in arrival order");
        assertTrue(first.get(0).seq() < first.get(1).seq() && first.get(1).seq() < first.get(2).seq());
        assertEquals(2, queue.depth());

        List<QueuedAlert> rest = QuarkusTransaction.requiringNew().call(() -> queue.claim(10));
        assertEquals(List.of("a3", "a4"), rest.stream().map(q -> q.alert().name()).toList());
        assertEquals(0, queue.depth());
        assertTrue(queue.oldestReceivedAt().isEmpty());
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> queue.claim(10)));
    }

    @Test
    void aRolledBackClaimPutsTheEntriesBack() {
        QuarkusTransaction.requiringNew().run(() -> queue.append(alerts("r", 2)));
        // the processor fails after claiming: its transaction rolls back
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(2, queue.claim(10).size());
            throw new IllegalStateException("processor crashed");
        }));
        assertEquals(2, queue.depth());
        assertEquals(List.of("r0", "r1"),
                QuarkusTransaction.requiringNew().call(() -> queue.claim(10)).stream().map(q -> q.alert().name()).toList());
    }

    @Test
    void appendAndClaimNeedTheCallersTransaction() {
        assertThrows(RuntimeException.class, () -> queue.claim(1));
        assertThrows(RuntimeException.class, () -> queue.append(List.of(alert("x"))));
    }

    @Test
    void twoConcurrentClaimersNeverGetTheSameEntry() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> queue.append(alerts("c", 10)));
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<QueuedAlert>> first = pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                List<QueuedAlert> mine = queue.claim(5);
                claimed.countDown();
                // hold the claim's locks open while the other claimer runs
                assertTrue(release.await(30, TimeUnit.SECONDS));
                return mine;
            }));
            assertTrue(claimed.await(30, TimeUnit.SECONDS));
            // SKIP LOCKED: the second claimer neither waits for the first nor sees its entries
            List<QueuedAlert> second = QuarkusTransaction.requiringNew().call(() -> queue.claim(10));
            release.countDown();
            List<QueuedAlert> firsts = first.get(30, TimeUnit.SECONDS);

            assertEquals(5, firsts.size());
            assertEquals(5, second.size());
            Set<Long> seqs = new HashSet<>();
            firsts.forEach(q -> seqs.add(q.seq()));
            second.forEach(q -> seqs.add(q.seq()));
            assertEquals(10, seqs.size(), "no entry claimed twice");
            assertEquals(List.of("c0", "c1", "c2", "c3", "c4"), firsts.stream().map(q -> q.alert().name()).toList());
            assertEquals(0, queue.depth());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
