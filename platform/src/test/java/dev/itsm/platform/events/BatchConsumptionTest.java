package dev.itsm.platform.events;

import static dev.itsm.platform.events.FeedBatch.transactionsOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.itsm.platform.testapp.FeedHandler;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestInfrastructure;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A poll's records are applied in one transaction, and every guarantee of the one-by-one consumer
 * holds: a failing record is isolated (the others applied once, it alone retried or dead-lettered),
 * a transient failure rolls the batch back and nothing is applied twice, copies are skipped, and
 * offsets are committed only after the transaction, so a
 * redelivered batch is skipped through the inbox. Each test sends its records as one produce
 * request on one key, so they come in one poll; {@code feed_effect.tx} tells which were applied together.
 */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class BatchConsumptionTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource ds;
    @Inject
    EventConsumer consumer;

    static String id() {
        return UUID.randomUUID().toString();
    }

    List<String> txs(String eventId) throws Exception {
        return transactionsOf(ds, eventId);
    }

    long tx(String eventId) throws Exception {
        return Long.parseLong(txs(eventId).get(0));
    }

    @Test
    void recordsOfOnePollAreAppliedInOneTransaction() throws Exception {
        String key = "batch-" + id();
        String a = id(), b = id(), c = id();
        long transactionsBefore = consumer.transactionsTotal();
        new FeedBatch(key).event(a, "{\"n\":1}").event(b, "{\"n\":2}").event(c, "{\"n\":3}").send();

        await().atMost(WAIT).until(() -> txs(c).size() == 1);
        assertEquals(txs(a), txs(b));
        assertEquals(txs(a), txs(c), "one transaction for the three");
        assertTrue(consumer.transactionsTotal() - transactionsBefore < 3, "fewer transactions than records");
    }

    @Test
    void aPoisonRecordInTheMiddleIsDeadLetteredAloneAndEveryOtherRecordIsAppliedOnce() throws Exception {
        String key = "poison-middle-" + id();
        String a = id(), b = id(), poison = id(), c = id(), failing = id(), d = id();
        new FeedBatch(key)
                .event(a, "{\"n\":1}")
                .garbage() // not a CloudEvent: never reaches a handler
                .event(b, "{\"n\":2}")
                .event(poison, "{\"n\":3,\"poison\":true}") // the handler's poison verdict
                .event(c, "{\"n\":4}")
                .event(failing, "{\"n\":5,\"fail\":true}") // fails every attempt: dead-lettered after max-attempts
                .event(d, "{\"n\":6}")
                .send();

        List<Received> dead = TopicReader.await(FeedHandler.TOPIC + ".dlq", 3, WAIT, r -> key.equals(r.key()));
        await().atMost(WAIT).until(() -> txs(d).size() == 1);
        for (String applied : List.of(a, b, c, d)) {
            assertEquals(1, txs(applied).size(), "applied exactly once: " + applied);
        }
        assertEquals(0, txs(poison).size());
        assertEquals(0, txs(failing).size());
        assertEquals(txs(a), txs(b), "the records before the failing one are applied together again");

        assertEquals(3, dead.size(), "only the three bad records are dead-lettered");
        assertEquals("dev.itsm.platform.events.PoisonEventException", dead.get(0).header("dlq_error_class"));
        assertEquals(null, dead.get(0).ceId(), "the garbage record first, in its place in the partition");
        assertEquals(poison, dead.get(1).ceId());
        assertEquals("dev.itsm.platform.events.PoisonEventException", dead.get(1).header("dlq_error_class"));
        assertEquals(1, FeedHandler.tries(poison), "a poison verdict is not retried");
        assertEquals(failing, dead.get(2).ceId());
        assertEquals("java.lang.IllegalStateException", dead.get(2).header("dlq_error_class"));
        assertEquals(3, FeedHandler.tries(failing), "max-attempts (3) counts the batch's attempt");
        List<Received> more = TopicReader.await(FeedHandler.TOPIC + ".dlq", 4, Duration.ofSeconds(2), r -> key.equals(r.key()));
        assertEquals(3, more.size(), "and each once");
    }

    @Test
    void aTransientFailureRollsTheBatchBackAndItIsRetriedWithoutDuplicates() throws Exception {
        String key = "transient-batch-" + id();
        String a = id(), flaky = id(), b = id();
        // what the JDBC driver throws when the server goes away mid-transaction, twice; max-attempts is 3
        // but transient failures do not count
        new FeedBatch(key).event(a, "{\"n\":1}").event(flaky, "{\"n\":2,\"transientFailures\":4}").event(b, "{\"n\":3}").send();

        await().atMost(WAIT).until(() -> txs(b).size() == 1);
        assertEquals(1, txs(a).size(), "applied once although its first transaction was rolled back");
        assertEquals(1, txs(flaky).size());
        assertEquals(1, txs(b).size());
        assertTrue(FeedHandler.tries(a) >= 2, "a was in the rolled-back batch and applied again");
        // the key's order held: b waited for the flaky record (transaction ids grow, equal within a batch)
        assertTrue(tx(a) <= tx(flaky) && tx(flaky) <= tx(b), "applied in order");
        List<Received> dead = TopicReader.readUntil(FeedHandler.TOPIC + ".dlq", Duration.ofSeconds(2), rs -> false);
        assertEquals(0, dead.stream().filter(r -> key.equals(r.key())).count(), "nothing of this key was dead-lettered");
    }

    @Test
    void aRecordTwiceInOneBatchIsAppliedOnce() throws Exception {
        String key = "copy-in-batch-" + id();
        String a = id(), b = id();
        long duplicatesBefore = consumer.duplicatesTotal();
        new FeedBatch(key).event(a, "{\"n\":1}").event(a, "{\"n\":1}").event(b, "{\"n\":2}").event(a, "{\"n\":1}").send();

        await().atMost(WAIT).until(() -> txs(b).size() == 1);
        assertEquals(1, txs(a).size(), "one effect for three copies");
        assertEquals(txs(a), txs(b), "in the same transaction");
        assertEquals(1, FeedHandler.tries(a), "the copies did not reach the handler");
        assertTrue(consumer.duplicatesTotal() - duplicatesBefore >= 2);
    }

    /**
     * The crash between the batch's commit and the offset commit: the consumer is stopped while it
     * applies a batch, and the group's offset is put back where it was before the batch (a clean
     * stop may still get its commit through; a crash would not). The restarted consumer gets the batch again and
     * applies none of it twice.
     */
    @Test
    void aBatchRedeliveredAfterARestartIsNotAppliedTwice() throws Exception {
        String key = "restart-" + id();
        String a = id(), held = id(), b = id();
        String hold = "restart-" + key;
        FeedHandler.hold(hold);
        List<RecordMetadata> sent = new FeedBatch(key).event(a, "{\"n\":1}")
                .event(held, "{\"n\":2,\"hold\":\"" + hold + "\"}").event(b, "{\"n\":3}").send();
        await().atMost(WAIT).until(() -> FeedHandler.holding(hold));

        try {
            consumer.onStop(null); // while the batch is being applied
        } finally {
            FeedHandler.release(hold);
        }
        await().atMost(WAIT).until(() -> !consumer.consuming());
        assertEquals(1, txs(b).size(), "the batch's transaction committed");
        assertEquals(txs(a), txs(b));

        TopicPartition partition = new TopicPartition(FeedHandler.TOPIC, sent.get(0).partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            // the stopped consumer's member may take a moment to leave the group
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(consumer.groupId(),
                        Map.of(partition, new OffsetAndMetadata(sent.get(0).offset()))).all().get();
                return true;
            });
        }

        long duplicatesBefore = consumer.duplicatesTotal();
        int heldTries = FeedHandler.tries(held);
        consumer.onStart(null);
        await().atMost(WAIT).until(() -> consumer.duplicatesTotal() - duplicatesBefore >= 3);
        for (String applied : List.of(a, held, b)) {
            assertEquals(1, txs(applied).size(), "redelivered, applied once: " + applied);
        }
        assertEquals(heldTries, FeedHandler.tries(held), "the copies did not reach the handler");

        String after = id();
        new FeedBatch(key).event(after, "{\"n\":4}").send();
        await().atMost(WAIT).until(() -> txs(after).size() == 1);
    }

    @Test
    void recordsOfATypeNoHandlerWantsArePassedOverUnreadAndTheirOffsetsCommitted() throws Exception {
        String key = "types-" + id();
        String a = id(), chatter = id(), b = id(), unreadable = id(), last = id();
        long passedOverBefore = consumer.passedOverTotal();
        // the feed handler acts on Fed only: Chatter is passed over even where its body is no JSON at all
        List<RecordMetadata> sent = new FeedBatch(key).event(a, "{\"n\":1}").event(chatter, "Chatter", "{\"n\":2}")
                .event(b, "{\"n\":3}").event(unreadable, "Chatter", "\u0000not json").event(last, "Chatter", "{}")
                .send();

        await().atMost(WAIT).until(() -> txs(b).size() == 1);
        assertEquals(txs(a), txs(b), "the wanted records were applied together");
        for (String passed : List.of(chatter, unreadable, last)) {
            assertEquals(List.of(), txs(passed), "no effect: " + passed);
            assertEquals(0, FeedHandler.tries(passed), "never handed to the handler: " + passed);
            assertEquals(0, inboxRows(passed), "no inbox row: " + passed);
        }
        assertEquals(3, consumer.passedOverTotal() - passedOverBefore);
        TopicPartition partition = new TopicPartition(FeedHandler.TOPIC, sent.get(0).partition());
        long end = sent.get(sent.size() - 1).offset() + 1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            // committed past the last record, a passed-over one: a restart does not read them again
            await().atMost(WAIT).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(consumer.groupId())
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() >= end;
            });
        }
    }

    long inboxRows(String eventId) throws Exception {
        try (var c = ds.getConnection(); var ps = c.prepareStatement("select count(*) from processed_event where event_id = ?")) {
            ps.setString(1, eventId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
