package dev.itsm.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.itsm.platform.ItsmConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Reads the topics of every {@link EventHandler} bean with one Kafka consumer (group
 * {@code itsm-<service>-service}) and hands each record to {@link EventDispatch}, which reads it as
 * a CloudEvent and runs its handlers through the {@link Inbox} (the path a dead-letter replay takes
 * too). Offsets are committed only after a record is handled or dead-lettered, so a crash means
 * redelivery, which the inbox turns into a no-op.
 * <p>
 * A record that is not a CloudEvent with a JSON payload, or that still fails after
 * {@code itsm.consumer.max-attempts}, is copied to {@code <topic>.dlq} with {@code dlq_*} error
 * headers, and consumption goes on with the next record. So is a record whose {@code ce_source} is
 * not the owner of its topic ({@code /itsm/<owner>-service} on {@code itsm.<owner>.events}).
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final ItsmConfig config;
    private final String bootstrapServers;
    private final EventDispatch dispatch;
    private final KafkaClientSettings kafka;
    private final Set<String> topics;
    private final String groupId;

    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile Instant lagMeasuredAt = Instant.EPOCH;
    private final Tracer tracer;

    /** How long one poll's records may be handled before the rest waits for the next poll (max.poll.interval.ms is 5 min). */
    private static final Duration BATCH_BUDGET = Duration.ofSeconds(60);
    private final Map<TopicPartition, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Integer> failuresInARow = new HashMap<>();

    private volatile boolean running;
    private Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> deadLetters;

    EventConsumer(ItsmConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            EventDispatch dispatch, KafkaClientSettings kafka, Tracer tracer) {
        this.tracer = tracer;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.dispatch = dispatch;
        this.kafka = kafka;
        this.topics = dispatch.topics();
        this.groupId = dispatch.groupId();
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.consumer().enabled() || topics.isEmpty()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "itsm-event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(1));
        }
    }

    private void run() {
        LOG.infof("Consuming %s as group %s", topics, groupId);
        while (running) {
            try (KafkaConsumer<String, byte[]> c = newConsumer()) {
                consumer = c;
                c.subscribe(topics);
                boolean failing = false;
                while (running) {
                    try {
                        pollOnce(c);
                        if (failing) {
                            LOG.info("Event consumer recovered");
                            failing = false;
                        }
                    } catch (WakeupException e) {
                        throw e;
                    } catch (RetriableException e) {
                        // Broker away: the client reconnects by itself; uncommitted records come again
                        // and the inbox makes them harmless.
                        if (!failing) {
                            LOG.warnf("Event consumer cannot reach Kafka (%s); retrying", e.toString());
                            failing = true;
                        }
                        pause(config.consumer().retryBackoff().toMillis() * 5);
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                LOG.warnf("Event consumer failed (%s); reconnecting", e.toString());
                pause(config.consumer().retryBackoff().toMillis() * 5);
            } finally {
                consumer = null;
                pausedUntil.clear(); // a new consumer starts with nothing paused
                failuresInARow.clear();
            }
        }
    }

    /** This service's consumer group ({@code itsm-<service>-service}), also the {@code dlq_consumer_group} of its dead letters. */
    public String groupId() {
        return groupId;
    }

    /** The topics this service consumes (those of its {@link EventHandler}s). */
    public Set<String> topics() {
        return topics;
    }

    /** Records on this service's topics not consumed yet (sum over its partitions; sampled every 5 s). */
    public long lag() {
        return lag.get();
    }

    /** Events whose effect ran / that were skipped as redeliveries / that went to a DLQ. */
    public long handledTotal() {
        return handled.get();
    }

    public long duplicatesTotal() {
        return duplicates.get();
    }

    public long deadLetteredTotal() {
        return deadLettered.get();
    }

    private void measureLag(KafkaConsumer<String, byte[]> c) {
        if (lagMeasuredAt.plusSeconds(5).isAfter(Instant.now()) || c.assignment().isEmpty()) {
            return;
        }
        lagMeasuredAt = Instant.now();
        try {
            Map<TopicPartition, Long> end = c.endOffsets(c.assignment(), Duration.ofSeconds(2));
            long sum = 0;
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                sum += Math.max(0, e.getValue() - c.position(e.getKey(), Duration.ofSeconds(2)));
            }
            lag.set(sum);
        } catch (KafkaException e) {
            // a metric only: keep the last value while the broker is away
        }
    }

    private void pollOnce(KafkaConsumer<String, byte[]> c) {
        resumeDuePartitions(c);
        ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
        measureLag(c);
        if (records.isEmpty()) {
            return;
        }
        // Stop handling well before max.poll.interval.ms so a long run of slow or failing records
        // never costs the group membership (a rebalance would redeliver and could dead-letter twice).
        Instant budgetEnd = Instant.now().plus(BATCH_BUDGET);
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Set<TopicPartition> stopped = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (stopped.contains(tp)) {
                continue; // an earlier record of this partition is not done: keep the order
            }
            if (Instant.now().isAfter(budgetEnd)) {
                c.seek(tp, record.offset()); // the rest of this partition comes with the next poll
                stopped.add(tp);
                continue;
            }
            try {
                handle(record);
                next.put(tp, new OffsetAndMetadata(record.offset() + 1));
                failuresInARow.remove(tp);
            } catch (RuntimeException e) {
                // A transient failure (database away, pool exhausted, deadlock) or the DLQ unreachable:
                // block this partition on this record and retry it later, without limit. The partition
                // is paused rather than slept on, so polling (and the group membership) goes on.
                c.seek(tp, record.offset());
                stopped.add(tp);
                block(c, tp, record, e);
            }
        }
        if (!next.isEmpty()) {
            c.commitSync(next, Duration.ofSeconds(5));
        }
    }

    private void block(KafkaConsumer<String, byte[]> c, TopicPartition tp, ConsumerRecord<String, byte[]> record,
            RuntimeException e) {
        int failures = failuresInARow.merge(tp, 1, Integer::sum);
        long backoff = Math.min(config.consumer().maxBackoff().toMillis(),
                config.consumer().retryBackoff().toMillis() << Math.min(failures - 1, 20));
        pausedUntil.put(tp, Instant.now().plusMillis(backoff));
        c.pause(Set.of(tp));
        if (failures == 1 || failures % 20 == 0) {
            LOG.warnf("Record %s-%d@%d not handled (%d tries so far), partition paused, retrying in %d ms: %s",
                    record.topic(), record.partition(), record.offset(), failures, backoff,
                    e.getCause() != null ? e.getCause() : e);
        }
    }

    private void resumeDuePartitions(KafkaConsumer<String, byte[]> c) {
        if (pausedUntil.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Set<TopicPartition> assigned = c.assignment();
        Set<TopicPartition> due = new HashSet<>();
        pausedUntil.forEach((tp, until) -> {
            if (!assigned.contains(tp)) {
                due.add(tp); // revoked in a rebalance: whoever owns it now starts afresh
            } else if (!until.isAfter(now)) {
                due.add(tp);
            }
        });
        due.forEach(pausedUntil::remove);
        due.retainAll(assigned);
        if (!due.isEmpty()) {
            c.resume(due);
        }
    }

    /** Partitions held on a record that failed transiently (0 when all flow). */
    public int blockedPartitions() {
        return pausedUntil.size();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        InboundEvent event;
        try {
            event = dispatch.read(record.topic(), record);
        } catch (RuntimeException e) {
            deadLetter(record, e);
            return;
        }
        int maxAttempts = Math.max(1, config.consumer().maxAttempts());
        // Continue the producer's trace (traceparent header written by its outbox relay).
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setParent(TraceContext.from(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("cloudevents.event_type", String.valueOf(event.type()))
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            handleWithRetries(record, event, maxAttempts);
        } finally {
            span.end();
        }
    }

    private void handleWithRetries(ConsumerRecord<String, byte[]> record, InboundEvent event, int maxAttempts) {
        for (int attempt = 1;; attempt++) {
            try {
                boolean ran = dispatch.dispatch(event);
                (ran ? handled : duplicates).incrementAndGet();
                return;
            } catch (PoisonEventException e) {
                deadLetter(record, e);
                return;
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    throw new TransientFailure(event, e); // the partition waits; never a dead letter
                }
                if (attempt >= maxAttempts) {
                    LOG.errorf("Event %s (%s) failed %d times; sending it to %s: %s", event.id(), event.type(),
                            attempt, ServiceIdentity.deadLetterTopicOf(record.topic()), e);
                    deadLetter(record, e);
                    return;
                }
                pause(config.consumer().retryBackoff().toMillis() * attempt);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Exception error) {
        String dlq = ServiceIdentity.deadLetterTopicOf(record.topic());
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(dlq, null, record.key(), record.value(), record.headers());
        out.headers().add("dlq_error_class", bytes(error.getClass().getName()));
        out.headers().add("dlq_error_message", bytes(String.valueOf(error.getMessage())));
        out.headers().add("dlq_original_topic", bytes(record.topic()));
        out.headers().add("dlq_original_partition", bytes(String.valueOf(record.partition())));
        out.headers().add("dlq_original_offset", bytes(String.valueOf(record.offset())));
        out.headers().add("dlq_consumer_group", bytes(groupId));
        out.headers().add("dlq_failed_at", bytes(Instant.now().toString()));
        try {
            deadLetterProducer().send(out).get(30, TimeUnit.SECONDS);
            deadLettered.incrementAndGet();
            LOG.warnf("Record %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(), dlq,
                    error.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + dlq, e);
        }
    }

    /** The event could not be handled for a reason that will pass: try it again later. */
    static final class TransientFailure extends RuntimeException {
        TransientFailure(InboundEvent event, RuntimeException cause) {
            super("transient failure handling " + event.id() + " (" + event.type() + ")", cause, false, false);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-consumer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private synchronized KafkaProducer<String, byte[]> deadLetterProducer() {
        if (deadLetters == null) {
            Properties p = kafka.clientProperties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-dlq");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
            deadLetters = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return deadLetters;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
