package dev.itsm.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its current end on a thread of its own, assigned to every partition (no group
 * rebalance to wait for), and hands each record whose {@code ce_type} ends with {@code typeSuffix}
 * to {@code onRecord} together with the nanoTime it was read.
 */
final class TopicTail implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;

    TopicTail(String bootstrap, String topic, String typeSuffix, BiConsumer<ConsumerRecord<String, String>, Long> onRecord)
            throws InterruptedException {
        thread = new Thread(() -> read(bootstrap, topic, typeSuffix, onRecord), "bench-tail-" + topic);
        thread.start();
        if (!positioned.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the reader of " + topic + " did not get its partitions");
        }
    }

    private void read(String bootstrap, String topic, String typeSuffix,
            BiConsumer<ConsumerRecord<String, String>, Long> onRecord) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-" + UUID.randomUUID());
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position); // resolve the end offsets now, before the caller starts producing
            positioned.countDown();
            while (running.get()) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    Header type = r.headers().lastHeader("ce_type");
                    if (type != null && new String(type.value(), StandardCharsets.UTF_8).endsWith(typeSuffix)) {
                        onRecord.accept(r, now);
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
