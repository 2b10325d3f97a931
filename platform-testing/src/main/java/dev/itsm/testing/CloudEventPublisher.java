package dev.itsm.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes another service's events in tests exactly as its outbox relay would: a CloudEvent in
 * Kafka binary mode ({@code ce_*} headers, JSON value), keyed by the aggregate id, on
 * {@code itsm.<service>.events}. {@link #raw} sends anything at all, for poison-record tests.
 */
public final class CloudEventPublisher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, KafkaProducer<String, byte[]>> PRODUCERS = new ConcurrentHashMap<>();

    private CloudEventPublisher() {
    }

    /** Publishes {@code dev.itsm.<service>.<type>} with a new event id; returns that id. */
    public static String publish(String service, String type, String key, Object data) {
        String ceId = UUID.randomUUID().toString();
        publish(service, type, key, ceId, data);
        return ceId;
    }

    /** As {@link #publish(String, String, String, Object)} with a chosen event id (to test redelivery). */
    public static void publish(String service, String type, String key, String ceId, Object data) {
        try {
            byte[] value = data instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(data);
            raw("itsm." + service + ".events", key, value, Map.of(
                    "ce_specversion", "1.0",
                    "ce_id", ceId,
                    "ce_type", "dev.itsm." + service + "." + type,
                    "ce_source", "/itsm/" + service + "-service",
                    "ce_subject", key,
                    "ce_time", Instant.now().toString(),
                    "content-type", "application/json"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the event payload as JSON", e);
        }
    }

    /** Sends one record with exactly these headers and value (null headers are left out) and waits for the ack. */
    public static void raw(String topic, String key, byte[] value, Map<String, String> headers) {
        raw(TestInfrastructure.kafkaBootstrapServers(), topic, key, value, headers);
    }

    /** As {@link #raw(String, String, byte[], Map)} on the broker at {@code bootstrapServers} (e.g. a whole stack's). */
    public static void raw(String bootstrapServers, String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> {
            if (v != null) {
                r.headers().add(name, v.getBytes(StandardCharsets.UTF_8));
            }
        });
        try {
            producer(bootstrapServers).send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return PRODUCERS.computeIfAbsent(bootstrapServers, servers -> {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        });
    }
}
