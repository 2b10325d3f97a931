package dev.itsm.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads records of a topic, with their headers, until a condition holds or a deadline passes. */
public final class TopicReader {

    /** One record as a test sees it: key, value as text, headers as text. */
    public record Received(String topic, int partition, long offset, String key, String value,
            Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name);
        }

        public String ceType() {
            return headers.get("ce_type");
        }

        public String ceId() {
            return headers.get("ce_id");
        }
    }

    private TopicReader() {
    }

    /** Every record currently on {@code topic} (from the beginning), waiting up to {@code timeout} for {@code until}. */
    public static List<Received> readUntil(String topic, Duration timeout, Predicate<List<Received>> until) {
        return readUntil(TestInfrastructure.kafkaBootstrapServers(), topic, timeout, until);
    }

    /** As {@link #readUntil(String, Duration, Predicate)} on the broker at {@code bootstrapServers}. */
    public static List<Received> readUntil(String bootstrapServers, String topic, Duration timeout,
            Predicate<List<Received>> until) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Received> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    received.add(toReceived(r));
                }
                if (until.test(received) || Instant.now().isAfter(deadline)) {
                    return received;
                }
            }
        }
    }

    /** Records on {@code topic} matching {@code filter}, waiting until at least {@code count} are there. */
    public static List<Received> await(String topic, int count, Duration timeout, Predicate<Received> filter) {
        return await(TestInfrastructure.kafkaBootstrapServers(), topic, count, timeout, filter);
    }

    /** As {@link #await(String, int, Duration, Predicate)} on the broker at {@code bootstrapServers}. */
    public static List<Received> await(String bootstrapServers, String topic, int count, Duration timeout,
            Predicate<Received> filter) {
        List<Received> all = readUntil(bootstrapServers, topic, timeout,
                rs -> rs.stream().filter(filter).count() >= count);
        return all.stream().filter(filter).toList();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Instant deadline) {
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (Instant.now().isAfter(deadline)) {
                return List.of();
            }
        }
    }

    private static Received toReceived(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
        return new Received(r.topic(), r.partition(), r.offset(), r.key(), value, headers);
    }
}
