package dev.itsm.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the consumer did with one poll's records, partition by partition: the offset to commit after
 * the last record done, and the partitions stopped at a record that is not done (sought back to it,
 * so it comes again with the next poll and nothing after it of that partition is taken before it).
 */
final class PollRound {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Instant budgetEnd;
    private final Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    private final Set<TopicPartition> stopped = new HashSet<>();

    PollRound(KafkaConsumer<String, byte[]> consumer, Instant budgetEnd) {
        this.consumer = consumer;
        this.budgetEnd = budgetEnd;
    }

    static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** An earlier record of this partition is not done: the later ones wait, to keep the order. */
    boolean stopped(ConsumerRecord<?, ?> record) {
        return stopped.contains(partitionOf(record));
    }

    boolean outOfTime() {
        return Instant.now().isAfter(budgetEnd);
    }

    /** The record is handled or dead-lettered: its offset may be committed (unless its partition stopped before it). */
    void done(ConsumerRecord<?, ?> record) {
        if (!stopped(record)) {
            next.put(partitionOf(record), new OffsetAndMetadata(record.offset() + 1));
        }
    }

    /** The record is not done: its partition starts from it again with the next poll. */
    void holdBack(ConsumerRecord<?, ?> record) {
        TopicPartition tp = partitionOf(record);
        if (stopped.add(tp)) {
            consumer.seek(tp, record.offset());
        }
    }

    /** Commits what is done; called once the transactions of the round have committed. */
    void commit() {
        if (!next.isEmpty()) {
            consumer.commitSync(next, Duration.ofSeconds(5));
        }
    }
}
