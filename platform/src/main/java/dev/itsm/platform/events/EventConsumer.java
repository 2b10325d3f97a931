package dev.itsm.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Reads the topics of every {@link EventHandler} bean with one Kafka consumer (group
 * {@code itsm-<service>-service}) and hands the records to {@link EventDispatch}, which reads each as
 * a CloudEvent and runs its handlers through the {@link Inbox} (the path a dead-letter replay takes
 * too). Offsets are committed only after the records are handled or dead-lettered, so a crash means
 * redelivery, which the inbox turns into a no-op.
 * <p>
 * A poll's records are applied in one transaction ({@link EventDispatch#dispatchAll}: one inbox
 * insert, the handlers in poll order, one commit), which is most of what consuming costs the
 * database. A record whose handlers fail is isolated: the others are applied together again and it
 * goes alone down the one-by-one path, with the guarantees below ({@code itsm.consumer.batch=false}
 * takes that path for every record).
 * <p>
 * A record that is not a CloudEvent with a JSON payload, or that still fails after
 * {@code itsm.consumer.max-attempts}, is copied to {@code <topic>.dlq} with {@code dlq_*} error
 * headers, and consumption goes on with the next record. So is a record whose {@code ce_source} is
 * not the owner of its topic ({@code /itsm/<owner>-service} on {@code itsm.<owner>.events}). A
 * transient failure (database away, deadlock) is retried without limit, holding back its partition.
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
    private final AtomicLong passedOver = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private volatile Instant lagMeasuredAt = Instant.EPOCH;
    private final Tracer tracer;
    /** Whether a poll's records are applied in one transaction (false: one transaction per record, as before batches). */
    private volatile boolean batches;

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
        this.batches = config.consumer().batch();
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
            deadLetters = null; // a restarted consumer makes a new one
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

    /** Switches batches on or off from the next poll on (the consumer benchmark compares both in one run). */
    void batches(boolean on) {
        batches = on;
    }

    /** Whether the consumer thread is alive (a stopped consumer's thread may still be finishing a batch). */
    boolean consuming() {
        Thread t = thread;
        return t != null && t.isAlive();
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

    /** Records passed over unread: no handler wants their type ({@link EventHandler#types}). */
    public long passedOverTotal() {
        return passedOver.get();
    }

    public long deadLetteredTotal() {
        return deadLettered.get();
    }

    /** Database transactions run to apply events (a batch is one; a rolled-back one counts too). */
    public long transactionsTotal() {
        return transactions.get();
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
        PollRound round = new PollRound(c, Instant.now().plus(BATCH_BUDGET));
        List<Item> items = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            items.add(read(record));
        }
        if (batches) {
            applyTogether(c, items, round);
        } else {
            items.forEach(item -> handleAlone(c, item, 0, round));
        }
        round.commit(); // only now: every transaction of the round has committed
    }

    /**
     * A polled record and the event it carries, or why it carries none (it will be dead-lettered), or neither: no
     * handler wants its type ({@link EventHandler#types}), so it is done where it stands, unread.
     */
    private record Item(ConsumerRecord<String, byte[]> record, InboundEvent event, RuntimeException poison) {

        boolean readable() {
            return event != null;
        }

        boolean passedOver() {
            return event == null && poison == null;
        }

        Item poisoned(RuntimeException why) {
            return new Item(record, null, why);
        }
    }

    private Item read(ConsumerRecord<String, byte[]> record) {
        if (!dispatch.wanted(record.topic(), record)) {
            passedOver.incrementAndGet();
            return new Item(record, null, null);
        }
        try {
            return new Item(record, dispatch.read(record.topic(), record), null);
        } catch (RuntimeException e) {
            return new Item(record, null, e);
        }
    }

    /**
     * Applies the records (in poll order) in one transaction. When that fails on one record, the
     * records before it are applied together again, that one alone (with its retries, dead letter
     * or partition block, exactly as without batches), and the records after it together again. A
     * transient failure, or one no single record is to blame for, sends the whole lot down the
     * one-by-one path, which retries and blocks partitions as it always did.
     */
    private void applyTogether(KafkaConsumer<String, byte[]> c, List<Item> items, PollRound round) {
        List<Item> left = items.stream().filter(i -> !round.stopped(i.record())).toList();
        List<Item> readable = left.stream().filter(Item::readable).toList();
        if (readable.size() < 2 || round.outOfTime()) {
            left.forEach(item -> handleAlone(c, item, 0, round));
            return;
        }
        boolean[] ran;
        try {
            transactions.incrementAndGet();
            ran = dispatch.dispatchAll(readable.stream().map(Item::event).toList(),
                    (index, event, handlers) -> traced(readable.get(index).record(), event, readable.size(), handlers));
        } catch (BatchFailure f) {
            RuntimeException failure = f.failure();
            if (f.index() < 0 || TransientFailures.isTransient(failure)) {
                LOG.debugf("Batch of %d records rolled back, applying them one by one: %s", readable.size(), failure);
                left.forEach(item -> handleAlone(c, item, 0, round));
                return;
            }
            Item failing = readable.get(f.index());
            int at = left.indexOf(failing);
            applyTogether(c, left.subList(0, at), round);
            // the batch was this record's first attempt; a poison verdict needs no second one
            handleAlone(c, failure instanceof PoisonEventException ? failing.poisoned(failure) : failing, 1, round);
            applyTogether(c, left.subList(at + 1, left.size()), round);
            return;
        } catch (RuntimeException e) {
            // the commit itself failed: no record to blame, so find out one by one
            LOG.debugf("Batch of %d records not committed, applying them one by one: %s", readable.size(), e);
            left.forEach(item -> handleAlone(c, item, 0, round));
            return;
        }
        for (int i = 0; i < readable.size(); i++) {
            (ran[i] ? handled : duplicates).incrementAndGet();
        }
        for (Item item : left) {
            if (item.readable() || item.passedOver()) {
                round.done(item.record());
                failuresInARow.remove(PollRound.partitionOf(item.record()));
            } else {
                handleAlone(c, item, 0, round); // dead-lettered now that the records around it are applied
            }
        }
    }

    /**
     * The one-by-one path: one transaction for the record (after {@code failedAttempts} already
     * made), retried up to {@code itsm.consumer.max-attempts} and then dead-lettered; a transient
     * failure, or a dead letter that cannot be written, holds its partition back on the record.
     */
    private void handleAlone(KafkaConsumer<String, byte[]> c, Item item, int failedAttempts, PollRound round) {
        ConsumerRecord<String, byte[]> record = item.record();
        if (round.stopped(record)) {
            return; // an earlier record of this partition is not done: keep the order
        }
        if (round.outOfTime()) {
            round.holdBack(record); // the rest of this partition comes with the next poll
            return;
        }
        try {
            if (item.readable()) {
                handle(record, item.event(), failedAttempts);
            } else if (!item.passedOver()) {
                deadLetter(record, item.poison());
            }
            round.done(record);
            failuresInARow.remove(PollRound.partitionOf(record));
        } catch (RuntimeException e) {
            // A transient failure (database away, pool exhausted, deadlock) or the DLQ unreachable:
            // block this partition on this record and retry it later, without limit. The partition
            // is paused rather than slept on, so polling (and the group membership) goes on.
            round.holdBack(record);
            block(c, PollRound.partitionOf(record), record, e);
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

    private void handle(ConsumerRecord<String, byte[]> record, InboundEvent event, int failedAttempts) {
        int maxAttempts = Math.max(1, config.consumer().maxAttempts());
        traced(record, event, 1, () -> handleWithRetries(record, event, maxAttempts, failedAttempts));
    }

    /** Runs {@code work} in a span that continues the producer's trace (traceparent header written by its outbox relay). */
    private void traced(ConsumerRecord<String, byte[]> record, InboundEvent event, int batchSize, Runnable work) {
        SpanBuilder builder = tracer.spanBuilder(record.topic() + " process")
                .setParent(TraceContext.from(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("cloudevents.event_type", String.valueOf(event.type()));
        if (batchSize > 1) {
            builder.setAttribute("messaging.batch.message_count", (long) batchSize);
        }
        Span span = builder.startSpan();
        try (Scope scope = span.makeCurrent()) {
            work.run();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    private void handleWithRetries(ConsumerRecord<String, byte[]> record, InboundEvent event, int maxAttempts,
            int failedAttempts) {
        for (int attempt = failedAttempts + 1;; attempt++) {
            try {
                transactions.incrementAndGet();
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
