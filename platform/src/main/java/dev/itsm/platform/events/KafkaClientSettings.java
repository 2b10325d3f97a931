package dev.itsm.platform.events;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What every Kafka client of the platform (outbox relay, event consumer, dead-letter producer and
 * reader) takes from configuration besides the bootstrap servers: each {@code kafka.<setting>}
 * property becomes the client setting {@code <setting>}, so a cluster behind TLS and SASL (Strimzi's
 * SCRAM listener) needs configuration, not code. The client's own settings (group, acks, timeouts)
 * are put after these and win.
 * <p>
 * Environment variables are seen under their dotted names only when those are asked for: iterating
 * the configuration yields {@code KAFKA_SASL_MECHANISM}, not {@code kafka.sasl.mechanism}. So the
 * security settings the manifests set as {@code KAFKA_*} variables are looked up by name.
 */
@ApplicationScoped
public class KafkaClientSettings {

    private static final String PREFIX = "kafka.";
    private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    /** Looked up by name, so that their {@code KAFKA_*} environment variables count too. */
    static final List<String> SECURITY_SETTINGS = List.of(
            "security.protocol",
            "sasl.mechanism",
            "sasl.jaas.config",
            "ssl.truststore.type",
            "ssl.truststore.certificates",
            "ssl.truststore.location",
            "ssl.truststore.password",
            "ssl.keystore.type",
            "ssl.keystore.certificate.chain",
            "ssl.keystore.key",
            "ssl.keystore.location",
            "ssl.keystore.password",
            "ssl.key.password",
            "ssl.endpoint.identification.algorithm");

    private final Map<String, String> settings;

    KafkaClientSettings(Config config) {
        this.settings = readFrom(config);
    }

    /** The configured client settings, a new copy for each client to add its own to. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(settings);
        return p;
    }

    static Map<String, String> readFrom(Config config) {
        Map<String, String> found = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            // "%prod.kafka.x" names a profile's value; the active one is read under "kafka.x" below
            String unprofiled = name.startsWith("%") && name.indexOf('.') > 0 ? name.substring(name.indexOf('.') + 1) : name;
            if (unprofiled.startsWith(PREFIX)) {
                put(found, config, unprofiled.substring(PREFIX.length()));
            }
        }
        SECURITY_SETTINGS.forEach(setting -> put(found, config, setting));
        return found;
    }

    private static void put(Map<String, String> found, Config config, String setting) {
        if (setting.isEmpty() || setting.equals(BOOTSTRAP_SERVERS)) {
            return; // each client sets it from kafka.bootstrap.servers itself
        }
        config.getOptionalValue(PREFIX + setting, String.class)
                .filter(value -> !value.isBlank())
                .ifPresent(value -> found.put(setting, value));
    }
}
