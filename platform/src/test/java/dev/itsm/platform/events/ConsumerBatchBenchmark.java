package dev.itsm.platform.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.itsm.platform.testapp.FeedHandler;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * What consuming costs, one transaction per record (as before batches) against one per poll, with
 * the real embedded PostgreSQL and Kafka and the test app's trivial handler (one insert per event).
 * A backlog of {@code bench.consumer.records} (20,000) records on many keys is published while the
 * consumer is held, then released and timed until every record is handled. Prints records/s, the
 * consumer's transactions per record, PostgreSQL's own count of transactions (pg_stat_database,
 * the whole database, so the relay's polls are in it) per record, and this JVM's CPU per record.
 * <p>
 * Run with {@code ./mvnw -B -o verify -pl platform -Dgroups=benchmark -Dtest=ConsumerBatchBenchmark}
 * (tagged {@code benchmark}; without {@code -Dgroups=benchmark} it is skipped). The embedded
 * PostgreSQL runs with fsync off, so a commit costs less here than on a real disk: the gain measured
 * is a lower bound.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "groups", matches = ".*benchmark.*")
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class ConsumerBatchBenchmark {

    @Inject
    EventConsumer consumer;
    @Inject
    DataSource ds;

    @Test
    void oneTransactionPerPollAgainstOnePerRecord() throws Exception {
        int n = Integer.getInteger("bench.consumer.records", 20_000);
        run("warm-up", true, Math.min(n, 5_000));
        Result before = run("one transaction per record (before)", false, n);
        Result after = run("one transaction per poll (after)", true, n);
        consumer.batches(true);
        System.out.printf("%n=== Consumer, %,d records through a trivial handler (one insert each) ===%n", n);
        System.out.println(before);
        System.out.println(after);
        System.out.printf("speed-up %.1fx, PostgreSQL transactions per record %.3f -> %.3f%n%n",
                after.perSecond() / before.perSecond(), before.pgTransactionsPerRecord(), after.pgTransactionsPerRecord());
    }

    record Result(String name, int records, double seconds, long consumerTransactions, long pgTransactions, double cpuMillis) {

        double perSecond() {
            return records / seconds;
        }

        double pgTransactionsPerRecord() {
            return (double) pgTransactions / records;
        }

        @Override
        public String toString() {
            return String.format("%-38s %,8.0f records/s (%.2f s); consumer transactions/record %.3f; "
                    + "PostgreSQL transactions/record %.3f; JVM CPU %.3f ms/record",
                    name, perSecond(), seconds, (double) consumerTransactions / records, pgTransactionsPerRecord(),
                    cpuMillis / records);
        }
    }

    Result run(String name, boolean batches, int n) throws Exception {
        String hold = "bench-" + UUID.randomUUID();
        FeedHandler.hold(hold);
        String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(record("hold-" + prefix, prefix + "hold", "{\"n\":0,\"hold\":\"" + hold + "\"}"));
            producer.flush();
            await().atMost(Duration.ofMinutes(1)).until(() -> FeedHandler.holding(hold));
            consumer.batches(batches); // from the poll after the held one
            for (int i = 0; i < n; i++) {
                producer.send(record("key-" + (i % 500), prefix + i, "{\"n\":" + i + "}"));
            }
            producer.flush();
        }
        long handledBefore = consumer.handledTotal();
        long transactionsBefore = consumer.transactionsTotal();
        long pgBefore = settledPgTransactions();
        long cpuBefore = processCpuNanos();
        long t0 = System.nanoTime();
        FeedHandler.release(hold);
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(10))
                .until(() -> consumer.handledTotal() - handledBefore >= n + 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6;
        long transactions = consumer.transactionsTotal() - transactionsBefore;
        long pg = settledPgTransactions() - pgBefore;
        assertEquals(n + 1, effects(prefix), "every record applied once (and the held one)");
        return new Result(name, n, seconds, transactions, pg, cpuMillis);
    }

    static ProducerRecord<String, byte[]> record(String key, String ceId, String json) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(FeedHandler.TOPIC, key, json.getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_specversion", bytes("1.0"));
        r.headers().add("ce_id", bytes(ceId));
        r.headers().add("ce_type", bytes("dev.itsm.testfeed.Fed"));
        r.headers().add("ce_source", bytes("/itsm/testfeed-service"));
        r.headers().add("ce_time", bytes(Instant.now().toString()));
        r.headers().add("content-type", bytes("application/json"));
        return r;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    long effects(String prefix) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from feed_effect where event_id like ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Committed plus rolled-back transactions of this database. Other backends report theirs when
     * idle, at most every second and at the latest after ten, hence the wait before reading.
     */
    long settledPgTransactions() throws Exception {
        await().pollDelay(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(12)).until(() -> true);
        return pgTransactions();
    }

    long pgTransactions() throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
