package dev.itsm.systemtests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a service's consumer group has handled everything on a topic up to now. The platform's consumer commits
 * a record's offset only after its handlers' transactions committed, so once the group's committed offsets reach
 * the topic's end offsets as they were when asked, every record written before (ours included) is in that
 * service's replica — a deterministic point to go on from, instead of retrying a request whose outcome depends on
 * a replica (an alert processed before monitoring-service knows its CI would be unrouted, not wrongly retried).
 */
final class ConsumerProgress {

    private ConsumerProgress() {
    }

    /** Waits until {@code group} has committed every partition of {@code topic} up to its end as of this call. */
    static void awaitCaughtUp(String bootstrap, String group, String topic, Duration max) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
            await(group + " caught up with " + topic).atMost(max).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            });
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("offsets of " + group + " on " + topic, e);
        }
    }
}
