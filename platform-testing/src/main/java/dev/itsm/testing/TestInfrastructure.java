package dev.itsm.testing;

import java.nio.file.Path;
import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

import dev.itsm.infra.KafkaBroker;
import dev.itsm.infra.PostgresServer;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, shared by every test class and every
 * Quarkus application (re)start in that JVM.
 * <p>
 * Quarkus may load this class more than once (one class loader per application start), so the
 * "already started" facts live in JVM-wide system properties (strings only: other libraries copy
 * them), and the broker's stop/start handle is a JMX MBean, reachable from any class loader.
 */
public final class TestInfrastructure {

    private static final String DB_URL = "dev.itsm.testing.db-admin-url";
    private static final String KAFKA = "dev.itsm.testing.kafka-bootstrap";
    private static final String KAFKA_CONTROL = "dev.itsm.testing:type=KafkaBroker";

    private TestInfrastructure() {
    }

    /** JDBC URL of the maintenance database ({@code postgres}) of the shared server. */
    public static synchronized String postgresAdminUrl() {
        String url = System.getProperty(DB_URL);
        if (url != null) {
            return url;
        }
        String external = System.getenv("ITSM_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            url = external;
        } else {
            Path base = testDir();
            // One data directory per test JVM (wiped when it stops): two test runs of one module at the
            // same time — an IDE and a command line, two engineers — must not share a cluster directory.
            PostgresServer pg = PostgresServer.start(base.resolve("pg-data-" + ProcessHandle.current().pid()),
                    base.resolve("pg-bin"), 0, true);
            url = pg.jdbcUrl("postgres");
        }
        System.setProperty(DB_URL, url);
        return url;
    }

    public static String dbUser() {
        return envOr("ITSM_TEST_DB_USER", PostgresServer.USER);
    }

    public static String dbPassword() {
        return envOr("ITSM_TEST_DB_PASSWORD", PostgresServer.PASSWORD);
    }

    /** JDBC URL of {@code database} on the shared server, created if needed. */
    public static String database(String database) {
        String admin = postgresAdminUrl();
        PostgresServer.ensureDatabase(admin, dbUser(), dbPassword(), database);
        return admin.substring(0, admin.lastIndexOf('/') + 1) + database;
    }

    /** Bootstrap servers of the shared Kafka broker. */
    public static synchronized String kafkaBootstrapServers() {
        String bootstrap = System.getProperty(KAFKA);
        if (bootstrap != null) {
            return bootstrap;
        }
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            bootstrap = external;
        } else {
            KafkaBroker broker = KafkaBroker.start(testDir().resolve("kafka-" + ProcessHandle.current().pid()), 0, 0);
            bootstrap = broker.bootstrapServers();
            try {
                ManagementFactory.getPlatformMBeanServer()
                        .registerMBean(new KafkaBrokerControl(broker), new ObjectName(KAFKA_CONTROL));
            } catch (JMException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-shutdown"));
        }
        System.setProperty(KAFKA, bootstrap);
        return bootstrap;
    }

    /** Stops the shared broker (only possible for the in-process one): simulates a Kafka outage. */
    public static void stopKafka() {
        kafkaControl("stop");
    }

    /** Starts the shared broker again on the same port, with all its data. */
    public static void startKafka() {
        kafkaControl("start");
    }

    private static void kafkaControl(String operation) {
        kafkaBootstrapServers();
        try {
            ObjectName name = new ObjectName(KAFKA_CONTROL);
            if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                throw new IllegalStateException("The Kafka broker is external (KAFKA_BOOTSTRAP_SERVERS); a test cannot stop it");
            }
            ManagementFactory.getPlatformMBeanServer().invoke(name, operation, new Object[0], new String[0]);
        } catch (JMException e) {
            throw new IllegalStateException("Could not " + operation + " the Kafka broker", e);
        }
    }

    private static Path testDir() {
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("itsm-test");
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
