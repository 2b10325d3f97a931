package dev.itsm.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.itsm.infra.FreePorts;
import dev.itsm.infra.KafkaBroker;
import dev.itsm.infra.PostgresServer;

/**
 * The whole suite on one machine: embedded PostgreSQL, an in-process Kafka broker and every built
 * module as its own JVM. Used by {@code ./itsm up} ({@link LocalStack}), the system tests and the
 * benchmarks. It decides what runs where and with which settings; the {@link Supervisor} runs the
 * processes, {@link Faults} inflicts outages, and the {@link TokenSigner} signs tokens.
 */
public final class Stack implements AutoCloseable {

    /**
     * Where and on which ports the stack runs. Every component listens on loopback only; the
     * gateway on {@code gatewayBind} ({@value #LOOPBACK} unless told otherwise).
     */
    public record Options(Path root, Path home, int pgPort, int kafkaPort, int kafkaControllerPort,
            Map<String, Integer> ports, boolean cleanData, PrintStream progress, Map<String, String> env,
            String gatewayBind) {

        /** The same options with extra environment variables for every component. */
        public Options withEnv(Map<String, String> extra) {
            Map<String, String> all = new LinkedHashMap<>(env);
            all.putAll(extra);
            return new Options(root, home, pgPort, kafkaPort, kafkaControllerPort, ports, cleanData, progress, all,
                    gatewayBind);
        }

        /** The same options with the gateway listening on {@code address} (e.g. {@code 0.0.0.0} for the LAN). */
        public Options withGatewayBind(String address) {
            return new Options(root, home, pgPort, kafkaPort, kafkaControllerPort, ports, cleanData, progress, env, address);
        }

        /** The local stack: fixed ports (docs/ARCHITECTURE.md §8), data kept in {@code <root>/.itsm}. */
        public static Options localStack(Path root) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            Component.ALL.forEach(c -> ports.put(c.name(), c.port()));
            return new Options(root, root.resolve(".itsm"), 5432, 9092, 9093, ports, false, System.out, Map.of(), LOOPBACK);
        }

        /** A throw-away stack on free ports with fresh data in {@code home} (system tests, benchmarks). */
        public static Options isolated(Path root, Path home, PrintStream progress) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            Component.ALL.forEach(c -> ports.put(c.name(), FreePorts.pick()));
            return new Options(root, home, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), ports, true, progress, Map.of(),
                    LOOPBACK);
        }
    }

    /** The only address the services listen on: nothing but this machine reaches them. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Options options;
    private final TokenSigner tokens;
    private final Supervisor supervisor;
    private final Faults faults = new Faults(this);
    private final List<Component> components;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private String dbBase;
    private String dbUser = PostgresServer.USER;
    private String dbPassword = PostgresServer.PASSWORD;
    private String bootstrap;

    public Stack(Options options) {
        this.options = options;
        this.tokens = new TokenSigner(options.home().resolve("keys"));
        this.supervisor = new Supervisor(options.home().resolve("logs"), options.progress());
        this.components = Component.ALL.stream().filter(c -> c.isBuilt(options.root())).toList();
    }

    /** The modules that are built and so will run. */
    public List<String> components() {
        return components.stream().map(Component::name).toList();
    }

    public boolean has(String component) {
        return components().contains(component);
    }

    /** Ports a start needs that are taken. */
    public List<String> busyPorts(boolean externalDb, boolean externalKafka) {
        List<String> busy = new ArrayList<>();
        if (!externalDb && !FreePorts.isFree(options.pgPort())) {
            busy.add(options.pgPort() + " (PostgreSQL)");
        }
        if (!externalKafka && (!FreePorts.isFree(options.kafkaPort()) || !FreePorts.isFree(options.kafkaControllerPort()))) {
            busy.add(options.kafkaPort() + "/" + options.kafkaControllerPort() + " (Kafka)");
        }
        for (Component c : components) {
            if (!FreePorts.isFree(port(c.name()))) {
                busy.add(port(c.name()) + " (" + c.name() + ")");
            }
        }
        return busy;
    }

    /** Starts everything and waits until every component is ready. */
    public void start(String externalDb, String externalDbUser, String externalDbPassword, String externalKafka)
            throws IOException, InterruptedException {
        if (components.isEmpty()) {
            throw new IllegalStateException("No module is built: run ./mvnw -B -DskipTests install");
        }
        Files.createDirectories(logs());
        if (tokens.ensure()) {
            step("generated a development JWT key pair in " + options.home().resolve("keys"));
        }
        if (externalDb == null) {
            step("starting PostgreSQL 15 on :" + options.pgPort());
            if (options.cleanData()) {
                // wiped here rather than by zonky, which would also wipe it on every stop (restart tests need it kept)
                deleteTree(options.home().resolve("data/postgres"));
            }
            postgres = startPostgres();
            dbBase = "jdbc:postgresql://localhost:" + options.pgPort() + "/";
        } else {
            dbBase = externalDb.endsWith("/") ? externalDb : externalDb + "/";
            dbUser = externalDbUser == null ? "postgres" : externalDbUser;
            dbPassword = externalDbPassword == null ? "" : externalDbPassword;
            step("using external PostgreSQL at " + dbBase);
        }
        for (Component c : components) {
            if (c.database() != null) {
                PostgresServer.ensureDatabase(dbBase + "postgres", dbUser, dbPassword, c.database());
            }
        }
        if (externalKafka == null) {
            step("starting Apache Kafka (KRaft) on :" + options.kafkaPort());
            if (options.cleanData()) {
                deleteTree(options.home().resolve("data/kafka"));
            }
            kafka = KafkaBroker.start(options.home().resolve("data/kafka"), options.kafkaPort(), options.kafkaControllerPort());
            bootstrap = kafka.bootstrapServers();
        } else {
            bootstrap = externalKafka;
            step("using external Kafka at " + bootstrap);
        }
        for (Component c : components) {
            spawn(c.name());
        }
        supervisor.awaitReady(components(), this::url, READY_TIMEOUT);
    }

    // ------------------------------------------------------------------ what tests and the banner need

    public int port(String component) {
        return options.ports().get(component);
    }

    public String url(String component) {
        return "http://" + LOOPBACK + ":" + port(component);
    }

    public String kafkaBootstrapServers() {
        return bootstrap;
    }

    public String jdbcUrl(String database) {
        return dbBase + database;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public boolean embeddedPostgres() {
        return postgres != null;
    }

    public Path logs() {
        return options.home().resolve("logs");
    }

    public Path home() {
        return options.home();
    }

    /** Signs tokens with this stack's key. */
    public TokenSigner tokens() {
        return tokens;
    }

    /** The running processes: pids, time to ready. */
    public Supervisor supervisor() {
        return supervisor;
    }

    /** Outages to inflict on this stack. */
    public Faults faults() {
        return faults;
    }

    public boolean isReady(String component) {
        return Supervisor.isReady(url(component));
    }

    public void awaitReady(String component) throws InterruptedException {
        supervisor.awaitReady(List.of(component), this::url, READY_TIMEOUT);
    }

    @Override
    public void close() {
        supervisor.close();
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    // ------------------------------------------------------------------ for Faults

    KafkaBroker embeddedKafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external; it cannot be controlled by the stack");
        }
        return kafka;
    }

    void restartEmbeddedPostgres(Duration down) throws InterruptedException {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is external; it cannot be controlled by the stack");
        }
        postgres.close();
        Thread.sleep(down.toMillis());
        postgres = startPostgres();
    }

    /** Starts a component's JVM with everything it needs to find the database, the broker, the key and the others. */
    void spawn(String name) throws IOException {
        Component c = components.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        step("starting " + name + " on :" + port(name) + " (log: " + logs().resolve(name + ".log") + ")");
        supervisor.spawn(name, JvmOptions.command(javaBin(), c, options.root()), environment(name), options.root());
    }

    /** The environment component {@code name} runs with. */
    Map<String, String> environment(String name) {
        Component c = Component.ALL.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port(name)));
        // services are reached through the gateway only: nothing off this machine may call them directly
        env.put("QUARKUS_HTTP_HOST", c.name().equals("gateway") ? options.gatewayBind() : LOOPBACK);
        if (c.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", dbBase + c.database());
            env.put("QUARKUS_DATASOURCE_USERNAME", dbUser);
            env.put("QUARKUS_DATASOURCE_PASSWORD", dbPassword);
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", tokens.publicKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", TokenSigner.ISSUER);
        env.put("ITSM_JWT_ISSUER", TokenSigner.ISSUER);
        env.put("ITSM_JWT_PUBLIC_KEY", tokens.publicKey().toString());
        env.put("ITSM_JWT_AUDIENCE", TokenSigner.AUDIENCE);
        for (Component other : Component.ALL) {
            String key = "ITSM_UPSTREAM_" + other.name().replace("-service", "").toUpperCase() + "_URL";
            env.put(key, url(other.name()));
        }
        env.putAll(options.env());
        return env;
    }

    // ------------------------------------------------------------------ internals

    private PostgresServer startPostgres() {
        return PostgresServer.start(options.home().resolve("data/postgres"), options.home().resolve("pg-bin"),
                options.pgPort(), false);
    }

    private void step(String message) {
        if (options.progress() != null) {
            options.progress().println("==> " + message);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Deletes a directory tree if it exists (data directories, benchmark output). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
