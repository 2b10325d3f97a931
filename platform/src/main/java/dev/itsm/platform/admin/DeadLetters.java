package dev.itsm.platform.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.itsm.platform.events.EventDispatch;
import dev.itsm.platform.events.KafkaClientSettings;
import dev.itsm.platform.events.ServiceIdentity;
import dev.itsm.platform.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The dead-letter topics ({@code <topic>.dlq}) of the topics this service consumes, for operators:
 * read what is there with the consumer's error, and replay records once the cause is fixed. Replay
 * publishes nothing: the service's Kafka user may write only its own topic, and a copy on the
 * original topic would reach every other consumer group too. Each record is handed to this
 * service's handlers through {@link EventDispatch}, the path its consumer takes (CloudEvent and
 * origin checks, inbox), so an event handled meanwhile is a no-op and one that still fails is
 * reported in the answer and left where it is.
 * <p>
 * Every consumer group of a topic dead-letters into the same {@code <topic>.dlq}; this service sees
 * and replays only its own dead letters ({@code dlq_consumer_group} = its group). Reads use a
 * consumer without a group (nothing is committed, the service's group is untouched) and stop at the
 * end offsets taken when the request began.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final EventDispatch dispatch;
    private final KafkaClientSettings kafka;
    private final String bootstrapServers;

    DeadLetters(EventDispatch dispatch, KafkaClientSettings kafka,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.dispatch = dispatch;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
    }

    /** The first {@code limit} dead letters of {@code topic} (a consumed topic), or of every consumed topic when null. */
    public List<DeadLetter> list(String topic, int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        for (String consumed : topicsOrAll(topic)) {
            if (letters.size() >= limit) {
                break;
            }
            read(ServiceIdentity.deadLetterTopicOf(consumed), r -> {
                if (mine(r)) {
                    letters.add(view(r));
                }
                return letters.size() < limit;
            });
        }
        return letters;
    }

    /**
     * Hands the dead letters of {@code request.topic()} that match its filter, in their order on the
     * dead-letter topic, to this service's handlers through the inbox, as its consumer would: one
     * already processed is a no-op, one that fails is reported (and stays a dead letter).
     */
    public ReplayResult replay(ReplayRequest request) {
        String topic = topicsOrAll(required(request.topic())).get(0);
        String dlq = ServiceIdentity.deadLetterTopicOf(topic);
        Predicate<ConsumerRecord<String, byte[]>> filter = filter(request);
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        int[] read = { 0 };
        read(dlq, r -> {
            read[0]++;
            if (mine(r) && filter.test(r)) {
                matching.add(r);
            }
            return true;
        });
        int replayed = 0;
        int alreadyProcessed = 0;
        List<ReplayFailure> failures = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : matching) {
            try {
                if (dispatch.dispatch(dispatch.read(topic, r))) {
                    replayed++;
                } else {
                    alreadyProcessed++;
                }
            } catch (RuntimeException e) {
                failures.add(new ReplayFailure(r.partition(), r.offset(), header(r, "ce_id"), e.getClass().getName(),
                        String.valueOf(e.getMessage())));
                LOG.warnf("Replay of dead letter %s-%d@%d (%s) failed: %s", dlq, r.partition(), r.offset(),
                        header(r, "ce_id"), e);
            }
        }
        LOG.infof("Replayed %d of %d matching dead letters of %s (%d already processed, %d failed)", replayed,
                matching.size(), dlq, alreadyProcessed, failures.size());
        return new ReplayResult(dlq, read[0], matching.size(), replayed, alreadyProcessed, failures);
    }

    /** Dead-lettered by this service's consumer, not by another service reading the same topic. */
    private boolean mine(ConsumerRecord<String, byte[]> r) {
        return dispatch.groupId().equals(header(r, "dlq_consumer_group"));
    }

    private List<String> topicsOrAll(String topic) {
        Set<String> consumed = dispatch.topics();
        if (topic == null) {
            return consumed.stream().sorted().toList();
        }
        if (!consumed.contains(topic)) {
            throw new ValidationException("topic", "'" + topic + "' is not consumed by this service; consumed: "
                    + consumed.stream().sorted().toList());
        }
        return List.of(topic);
    }

    private static String required(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new ValidationException("topic", "name the consumed topic whose dead letters to replay");
        }
        return topic;
    }

    private static Predicate<ConsumerRecord<String, byte[]>> filter(ReplayRequest request) {
        if (request.fromOffset() != null && request.toOffset() != null && request.fromOffset() > request.toOffset()) {
            throw new ValidationException("fromOffset", "must not be after toOffset");
        }
        Set<String> ceIds = request.ceIds() == null ? null : Set.copyOf(request.ceIds());
        return r -> (ceIds == null || ceIds.contains(header(r, "ce_id")))
                && (request.partition() == null || request.partition() == r.partition())
                && (request.fromOffset() == null || r.offset() >= request.fromOffset())
                && (request.toOffset() == null || r.offset() <= request.toOffset());
    }

    /** Feeds the records of {@code topic} from the beginning to the end seen now to {@code each}, until it returns false. */
    private void read(String topic, Predicate<ConsumerRecord<String, byte[]>> each) {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "itsm-dlq-admin-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return; // nothing was ever dead-lettered here
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(10));
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (!reachedEnd(c, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition())) && !each.test(r)) {
                        return;
                    }
                }
            }
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey(), Duration.ofSeconds(10)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static DeadLetter view(ConsumerRecord<String, byte[]> r) {
        return new DeadLetter(r.topic(), r.partition(), r.offset(), r.key(), header(r, "ce_id"), header(r, "ce_type"),
                header(r, "dlq_original_topic"), header(r, "dlq_error_class"), header(r, "dlq_error_message"),
                header(r, "dlq_failed_at"));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
