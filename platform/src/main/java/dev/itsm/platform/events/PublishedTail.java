package dev.itsm.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The {@code ce_id}s of the last records on a topic's partitions. The outbox relay reads them before it
 * (re)publishes pending rows after taking over from another instance or after a failed round: a row the
 * previous holder (or the failed round) got onto the topic, but could not mark published before it
 * died, is on the tail and is marked instead of being sent twice. Only this service's relay writes to
 * its topic and it has at most one batch in flight, so that batch, if it landed, is within the last
 * {@code batchSize} records of each partition.
 */
final class PublishedTail {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private PublishedTail() {
    }

    /** The {@code ce_id}s among the last {@code perPartition} records of every partition of {@code topic}. */
    static Set<String> eventIds(Properties client, String topic, int perPartition) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, READ_TIMEOUT).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            if (partitions.isEmpty()) {
                return ids;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            Set<TopicPartition> unread = new HashSet<>();
            for (TopicPartition tp : partitions) {
                long from = Math.max(begins.get(tp), ends.get(tp) - perPartition);
                if (from < ends.get(tp)) {
                    consumer.seek(tp, from);
                    unread.add(tp);
                }
            }
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!unread.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the tail of " + topic + " within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Header id = r.headers().lastHeader("ce_id");
                    if (id != null) {
                        ids.add(new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
                unread.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
            }
        }
        return ids;
    }
}
