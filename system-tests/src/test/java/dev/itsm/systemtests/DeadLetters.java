package dev.itsm.systemtests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The suite's dead-letter topics ({@code <topic>.dlq} of every consumed topic), marked before a
 * fault and read after it: a fault may delay events but must never dead-letter one.
 */
final class DeadLetters {

    static final List<String> TOPICS = List.of("itsm.incident.events.dlq", "itsm.catalog.events.dlq",
            "itsm.sla.events.dlq", "itsm.change.events.dlq");

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private DeadLetters() {
    }

    /** Where every dead-letter partition ends now; a topic not created yet has nothing to mark. */
    static Map<TopicPartition, Long> mark() {
        return mark(Suite.bootstrap());
    }

    /** As {@link #mark()} on the broker at {@code bootstrap}. */
    static Map<TopicPartition, Long> mark(String bootstrap) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            return consumer.endOffsets(partitions(consumer), READ_TIMEOUT);
        }
    }

    /**
     * Every record written to a dead-letter topic after {@code mark}, described with the headers an
     * operator would look at (which group gave up on which record, and why).
     */
    static List<String> since(Map<TopicPartition, Long> mark) {
        return since(Suite.bootstrap(), mark);
    }

    /** As {@link #since(Map)} on the broker at {@code bootstrap}; an empty mark means "ever". */
    static List<String> since(String bootstrap, Map<TopicPartition, Long> mark) {
        List<String> written = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            consumer.assign(partitions);
            for (TopicPartition p : partitions) {
                // a partition that did not exist at the mark was created by a dead letter: read it whole
                consumer.seek(p, mark.getOrDefault(p, 0L));
            }
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    written.add(describe(r));
                }
            }
            for (TopicPartition p : partitions) {
                long missing = end.get(p) - consumer.position(p);
                if (missing > 0) {
                    written.add(p + ": " + missing + " more record(s) not read within " + READ_TIMEOUT);
                }
            }
        }
        return written;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        Set<String> existing = consumer.listTopics(READ_TIMEOUT).keySet();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            if (existing.contains(topic)) {
                consumer.partitionsFor(topic, READ_TIMEOUT).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
        }
        return partitions;
    }

    private static String describe(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return r.topic() + "-" + r.partition() + "@" + r.offset() + " key=" + r.key() + " ce_type=" + headers.get("ce_type")
                + " group=" + headers.get("dlq_consumer_group") + " error=" + headers.get("dlq_error_class") + ": "
                + headers.get("dlq_error_message");
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // looking must not create the topics it looks for
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
