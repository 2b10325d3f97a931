package dev.itsm.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Every Kafka client gets the cluster's security settings from configuration, as properties or as KAFKA_* variables. */
class KafkaClientSettingsTest {

    @Test
    void theManifestsKafkaEnvironmentVariablesReachTheClients() {
        Config config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "itsm-kafka-bootstrap:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"incident\" password=\"s3cret\";",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_CERTIFICATES", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                "PATH", "/usr/bin"), 300)).build();

        Map<Object, Object> p = new KafkaClientSettings(config).clientProperties();

        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"incident\" password=\"s3cret\";",
                p.get("sasl.jaas.config"));
        assertEquals("PEM", p.get("ssl.truststore.type"));
        assertEquals("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", p.get("ssl.truststore.certificates"));
        assertFalse(p.containsKey("bootstrap.servers"), "each client sets the bootstrap servers itself");
        assertEquals(5, p.size(), "nothing but the kafka settings: " + p);
    }

    @Test
    void everyKafkaPropertyIsPassedThroughAndTheActiveProfileWins() {
        Config config = new SmallRyeConfigBuilder().withProfile("prod").withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", "localhost:9092",
                "kafka.ssl.truststore.location", "/etc/kafka/ca.p12",
                "kafka.ssl.truststore.password", "changeit",
                "kafka.client.dns.lookup", "use_all_dns_ips",
                "%prod.kafka.security.protocol", "SSL",
                "%dev.kafka.sasl.mechanism", "PLAIN",
                "quarkus.http.port", "8080"), "application.properties", 250)).build();

        Map<Object, Object> p = new KafkaClientSettings(config).clientProperties();

        assertEquals(Map.of(
                "ssl.truststore.location", "/etc/kafka/ca.p12",
                "ssl.truststore.password", "changeit",
                "client.dns.lookup", "use_all_dns_ips",
                "security.protocol", "SSL"), p);
    }
}
