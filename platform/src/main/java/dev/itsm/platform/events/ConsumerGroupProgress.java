package dev.itsm.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Whether this service's consumer group has applied every record of a topic, asked of the broker at the moment
 * of the call: on every partition the group's committed offset reaches the end of the log (the last stable
 * offset, as the consumer reads {@code read_committed}). The {@link EventConsumer} commits a poll's offsets only
 * after the transactions that applied its records have committed, so "committed up to the end" means "applied",
 * for every instance of the service at once — not only the partitions this instance holds — and a partition
 * held back on a failing record is never caught up.
 * <p>
 * For a consumer that must not act ahead of its input (sla-service announces a breach only when no incident
 * event that could have paused the clock is still unread). It costs two small admin requests per call, so it is
 * for occasional questions, not for every record. Records still in a producer's outbox are not on the log yet
 * and so not seen here; nothing a consumer can do sees them.
 */
@ApplicationScoped
public class ConsumerGroupProgress {

    private static final Logger LOG = Logger.getLogger(ConsumerGroupProgress.class);
    /** Partitions per topic change rarely (an operator adds some): looked up again after this long. */
    private static final Duration PARTITIONS_TTL = Duration.ofMinutes(1);

    private final String bootstrapServers;
    private final KafkaClientSettings kafka;
    private final String groupId;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();
    private final Map<String, Long> partitionsReadAt = new HashMap<>();
    private Admin admin;

    ConsumerGroupProgress(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            KafkaClientSettings kafka, EventDispatch dispatch) {
        this.bootstrapServers = bootstrapServers;
        this.kafka = kafka;
        this.groupId = dispatch.groupId();
    }

    /**
     * True when every partition of {@code topic} has this service's group's committed offset at its end, as the
     * broker says now; false when some record is not applied yet, or when the broker does not answer within
     * {@code timeout} (then nothing is known).
     */
    public synchronized boolean appliedEverything(String topic, Duration timeout) {
        try {
            List<TopicPartition> parts = partitionsOf(topic, timeout);
            if (parts.isEmpty()) {
                return false;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            parts.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin().listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (TopicPartition p : parts) {
                long end = ends.get(p).offset();
                OffsetAndMetadata done = committed.get(p);
                // a partition nothing was ever written to has nothing to apply, committed or not
                if (end > 0 && (done == null || done.offset() < end)) {
                    return false;
                }
            }
            return true;
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            LOG.debugf("Could not tell whether %s is applied: %s", topic, e.toString());
            partitionsReadAt.remove(topic); // a topic re-created or re-partitioned is read afresh
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<TopicPartition> partitionsOf(String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Long readAt = partitionsReadAt.get(topic);
        if (readAt == null || System.nanoTime() - readAt > PARTITIONS_TTL.toNanos()) {
            var description = admin().describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS).get(topic);
            List<TopicPartition> parts = new ArrayList<>();
            description.partitions().forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            partitions.put(topic, List.copyOf(parts));
            partitionsReadAt.put(topic, System.nanoTime());
        }
        return partitions.get(topic);
    }

    private Admin admin() {
        if (admin == null) {
            Properties p = kafka.clientProperties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-progress");
            p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
            admin = Admin.create(p);
        }
        return admin;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
