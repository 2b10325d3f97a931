package dev.itsm.webhook.bench;

import static dev.itsm.webhook.subscription.SubscriptionTestSupport.BASE;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.body;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.create;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.integrator;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Deliveries per second to a local receiver, and the latency from an event's publication (its {@code ce_time}) to
 * the receiver's 2xx, next to Kafka's own produce→consume latency measured in the same run. Prints numbers; run with
 * {@code ./mvnw -B -o -pl webhook-service test -Dgroups=benchmark -DexcludedGroups=none -Dtest=DeliveryBenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class DeliveryBenchmark {

    private static final int SUBSCRIPTIONS = Integer.getInteger("bench.webhook.subscriptions", 8);
    private static final int BACKLOG_EVENTS = Integer.getInteger("bench.webhook.backlog-events", 500);
    private static final int SUBJECTS = Integer.getInteger("bench.webhook.subjects", 100);
    private static final int LATENCY_EVENTS = Integer.getInteger("bench.webhook.latency-events", 300);

    @Inject
    DataSource ds;

    /** Answers 204 at once and notes when each delivery arrived (epoch micros) by webhook-id and path. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final ExecutorService executor = Executors.newFixedThreadPool(16);
        final AtomicInteger received = new AtomicInteger();
        final Map<String, Long> arrivedMicros = new ConcurrentHashMap<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                }
                Instant now = Instant.now();
                arrivedMicros.putIfAbsent(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("webhook-id"),
                        now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
                received.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    static String ms(Histogram h) {
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    private long openDeliveries() throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from delivery where state in ('PENDING', 'IN_FLIGHT')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void deliveriesPerSecondAndLatencyFromPublicationTo2xx() throws Exception {
        try (Receiver receiver = new Receiver()) {
            List<String> subs = new ArrayList<>();
            List<String> subjects = new ArrayList<>();
            for (int i = 0; i < SUBJECTS; i++) {
                subjects.add(UUID.randomUUID().toString());
            }
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                Map<String, Object> b = body("bench " + i, receiver.url("/s" + i), List.of("dev.itsm.incident.*"));
                b.put("subjects", subjects);
                b.put("state", "PAUSED");
                subs.add((String) create(b).get("id"));
            }

            // 1. throughput: a backlog queued while the subscriptions are paused, drained after resuming them all
            for (int i = 0; i < BACKLOG_EVENTS; i++) {
                String s = subjects.get(i % SUBJECTS);
                CloudEventPublisher.publish("incident", "IncidentUpdated", s, Map.of("incidentId", s, "n", i));
            }
            long expected = (long) BACKLOG_EVENTS * SUBSCRIPTIONS;
            await().atMost(Duration.ofMinutes(5)).until(() -> openDeliveries() >= expected);
            long start = System.nanoTime();
            subs.forEach(id -> integrator().post(BASE + "/" + id + "/resume").then().statusCode(200));
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> receiver.received.get() >= expected);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH webhook throughput: %d deliveries (%d events x %d subscriptions, %d subjects) in %.2f s = %.0f deliveries/s%n",
                    expected, BACKLOG_EVENTS, SUBSCRIPTIONS, SUBJECTS, seconds, expected / seconds);

            // 2. latency: one event at a time (each publish waits for the broker's ack), ce_time → receiver's 2xx, one subscription
            Histogram webhook = new Histogram(60_000_000L, 3);
            String path = "/s0";
            for (int i = 0; i < LATENCY_EVENTS; i++) {
                String s = subjects.get(i % SUBJECTS);
                Instant sent = Instant.now();
                String id = CloudEventPublisher.publish("incident", "IncidentUpdated", s, Map.of("incidentId", s, "probe", i));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                        .until(() -> receiver.arrivedMicros.containsKey(path + " " + id));
                long arrived = receiver.arrivedMicros.get(path + " " + id);
                webhook.recordValue(Math.max(0, arrived - (sent.getEpochSecond() * 1_000_000 + sent.getNano() / 1000)));
            }
            System.out.println("BENCH webhook latency publish -> receiver 2xx: " + ms(webhook));
            System.out.println("BENCH kafka latency produce -> consume (same broker, same run): " + ms(kafkaLatency()));
        }
    }

    /** Kafka's own end-to-end latency: one record at a time, produced (acks=all) and consumed by a plain consumer. */
    private static Histogram kafkaLatency() {
        String topic = "bench.kafka.latency." + UUID.randomUUID();
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Histogram h = new Histogram(60_000_000L, 3);
        AtomicLong consumed = new AtomicLong();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "warm-up", "0")).get();
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty() || consumed.get() == 0) {
                consumer.poll(Duration.ofMillis(50)).forEach(r -> consumed.incrementAndGet());
            }
            for (int i = 0; i < LATENCY_EVENTS; i++) {
                Instant sent = Instant.now();
                producer.send(new ProducerRecord<>(topic, "k" + (i % SUBJECTS), Long.toString(i))).get();
                boolean seen = false;
                while (!seen) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        if (r.value().equals(Long.toString(i))) {
                            Instant now = Instant.now();
                            h.recordValue(Math.max(0, Duration.between(sent, now).toNanos() / 1000));
                            seen = true;
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return h;
    }
}
