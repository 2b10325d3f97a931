package dev.itsm.incident.bench;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.itsm.testing.TestInfrastructure;

/** Puts a LIVE service into the replica the way the catalog-service would: a ServiceCreated event. */
final class BenchSupport {

    private BenchSupport() {
    }

    static void publishLiveService(UUID id) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            String json = """
                    {"serviceId":"%s","key":"bench","name":"Benchmark Service","type":"CUSTOMER_FACING","owner":"bench",
                     "status":"LIVE","dependsOn":[],"occurredAt":"%s"}""".formatted(id, Instant.now());
            ProducerRecord<String, byte[]> r = new ProducerRecord<>("itsm.catalog.events", id.toString(),
                    json.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_specversion", b("1.0"));
            r.headers().add("ce_id", b(UUID.randomUUID().toString()));
            r.headers().add("ce_type", b("dev.itsm.catalog.ServiceCreated"));
            r.headers().add("ce_source", b("/itsm/catalog-service"));
            r.headers().add("content-type", b("application/json"));
            producer.send(r).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> live(id));
    }

    private static boolean live(UUID id) throws Exception {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database("itsm_incident"),
                TestInfrastructure.dbUser(), TestInfrastructure.dbPassword());
                PreparedStatement ps = c.prepareStatement("select count(*) from catalog_service where service_id = ? and status = 'LIVE'")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
