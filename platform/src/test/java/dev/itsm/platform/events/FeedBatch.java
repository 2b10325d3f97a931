package dev.itsm.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.itsm.platform.testapp.FeedHandler;
import dev.itsm.testing.TestInfrastructure;

/**
 * Records for {@code itsm.testfeed.events} sent as one produce request: one key, so one partition,
 * and one record batch in the log, which a consumer fetches whole. So they reach the consumer in one
 * poll and the test can be sure what was a batch. Also reads the effects the feed handler left.
 */
final class FeedBatch {

    private final String key;
    private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();

    FeedBatch(String key) {
        this.key = key;
    }

    /** A CloudEvent as the testfeed service's relay would publish it. */
    FeedBatch event(String ceId, String json) {
        return event(ceId, "Fed", json);
    }

    /** A CloudEvent of type {@code dev.itsm.testfeed.<name>}. */
    FeedBatch event(String ceId, String name, String json) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(FeedHandler.TOPIC, key, json.getBytes(StandardCharsets.UTF_8));
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", ceId);
        header(r, "ce_type", "dev.itsm.testfeed." + name);
        header(r, "ce_source", "/itsm/testfeed-service");
        header(r, "ce_subject", key);
        header(r, "ce_time", Instant.now().toString());
        header(r, "content-type", "application/json");
        records.add(r);
        return this;
    }

    /** A record that is no CloudEvent at all. */
    FeedBatch garbage() {
        records.add(new ProducerRecord<>(FeedHandler.TOPIC, key, "\u0000garbage".getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Sends the records in one request; returns where each landed. */
    List<RecordMetadata> send() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "60000"); // nothing leaves before flush(): one request
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            producer.flush();
            List<RecordMetadata> landed = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                landed.add(f.get());
            }
            return landed;
        }
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The transactions that applied {@code eventId}: one entry per effect row. */
    static List<String> transactionsOf(DataSource ds, String eventId) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select tx from feed_effect where event_id = ?")) {
            ps.setString(1, eventId);
            List<String> txs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    txs.add(rs.getString(1));
                }
            }
            return txs;
        }
    }
}
