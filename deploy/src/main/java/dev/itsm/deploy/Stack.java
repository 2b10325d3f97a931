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
 * processes, {@link Faults} inflicts outages, and the {@link TokenSigner} signs tokens. A service can
 * run as several instances ({@link Options#withInstances}), as replicas do in a cluster.
 */
public final class Stack implements AutoCloseable {

    /**
     * Where and on which ports the stack runs. Every component listens on loopback only; the
     * gateway on {@code gatewayBind} ({@value #LOOPBACK} unless told otherwise). {@code ports} holds
     * one port per instance name ({@code incident-service}, {@code incident-service#2}, …);
     * {@code instances} how many instances of a component run (1 when absent).
     */
    public record Options(Path root, Path home, int pgPort, int kafkaPort, int kafkaControllerPort,
            Map<String, Integer> ports, boolean cleanData, PrintStream progress, Map<String, String> env,
            String gatewayBind, Map<String, Integer> instances) {

        /** The same options with extra environment variables for every component. */
        public Options withEnv(Map<String, String> extra) {
            Map<String, String> all = new LinkedHashMap<>(env);
            all.putAll(extra);
            return new Options(root, home, pgPort, kafkaPort, kafkaControllerPort, ports, cleanData, progress, all,
                    gatewayBind, instances);
        }

        /** The same options with the gateway listening on {@code address} (e.g. {@code 0.0.0.0} for the LAN). */
        public Options withGatewayBind(String address) {
            return new Options(root, home, pgPort, kafkaPort, kafkaControllerPort, ports, cleanData, progress, env, address,
                    instances);
        }

        /**
         * The same options with {@code count} instances of service {@code component}, as a cluster
         * runs replicas: same database, same environment (so the same consumer group), each on its
         * own free loopback port, the gateway given all of them. Instance 1 keeps the component's
         * name and port; instance {@code n} is named {@code <component>#<n>}. The gateway cannot be
         * multiplied: nothing here would spread clients over several gateways.
         */
        public Options withInstances(String component, int count) {
            if (definition(component).database() == null) {
                throw new IllegalArgumentException(component + " runs once: only services can have several instances");
            }
            if (count < 1) {
                throw new IllegalArgumentException("instances of " + component + " must be at least 1, was " + count);
            }
            Map<String, Integer> allPorts = new LinkedHashMap<>(ports);
            allPorts.keySet().removeIf(name -> !name.equals(component) && componentOf(name).equals(component));
            for (int n = 2; n <= count; n++) {
                allPorts.put(instanceName(component, n), FreePorts.pick());
            }
            Map<String, Integer> counts = new LinkedHashMap<>(instances);
            counts.put(component, count);
            return new Options(root, home, pgPort, kafkaPort, kafkaControllerPort, allPorts, cleanData, progress, env,
                    gatewayBind, counts);
        }

        /** How many instances of {@code component} run. */
        public int instancesOf(String component) {
            return instances.getOrDefault(component, 1);
        }

        /** The local stack: fixed ports (docs/ARCHITECTURE.md §8), data kept in {@code <root>/.itsm}. */
        public static Options localStack(Path root) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            Component.ALL.forEach(c -> ports.put(c.name(), c.port()));
            return new Options(root, root.resolve(".itsm"), 5432, 9092, 9093, ports, false, System.out, Map.of(), LOOPBACK,
                    Map.of());
        }

        /** A throw-away stack on free ports with fresh data in {@code home} (system tests, benchmarks). */
        public static Options isolated(Path root, Path home, PrintStream progress) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            Component.ALL.forEach(c -> ports.put(c.name(), FreePorts.pick()));
            return new Options(root, home, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), ports, true, progress, Map.of(),
                    LOOPBACK, Map.of());
        }
    }

    /** Separates a component's name from an instance number: {@code incident-service#2}. */
    public static final String INSTANCE_SEPARATOR = "#";

    /** The name of instance {@code n} (from 1) of {@code component}: the component's own name for the first. */
    public static String instanceName(String component, int n) {
        return n == 1 ? component : component + INSTANCE_SEPARATOR + n;
    }

    /** The component an instance belongs to ({@code incident-service#2} → {@code incident-service}). */
    public static String componentOf(String instance) {
        int at = instance.indexOf(INSTANCE_SEPARATOR);
        return at < 0 ? instance : instance.substring(0, at);
    }

    /** The component that calls subscribers' URLs (and so is told that loopback ones are fine here). */
    static final String WEBHOOK_SERVICE = "webhook-service";

    /** The only address the services listen on: nothing but this machine reaches them. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * How long components may take to answer ready: 180 s, or the system property
     * {@code itsm.stack.ready-timeout} (ISO-8601, e.g. {@code PT6M}) on a machine busy with other work.
     */
    private static final Duration READY_TIMEOUT = Duration.parse(System.getProperty("itsm.stack.ready-timeout", "PT180S"));

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

    /** The instances of {@code component}, first to last ({@code incident-service}, {@code incident-service#2}, …). */
    public List<String> instances(String component) {
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= options.instancesOf(component); n++) {
            names.add(instanceName(component, n));
        }
        return names;
    }

    /** Every instance of every component that runs, in start order. */
    public List<String> instances() {
        return components.stream().flatMap(c -> instances(c.name()).stream()).toList();
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
        for (String instance : instances()) {
            if (!FreePorts.isFree(port(instance))) {
                busy.add(port(instance) + " (" + instance + ")");
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
        // first every component's first instance, then the second ones, …: a wave's JVMs do not compete for
        // the cores and the database's connections with the next wave's (Flyway migrates once, in the first)
        int waves = components.stream().mapToInt(c -> options.instancesOf(c.name())).max().orElse(1);
        for (int n = 1; n <= waves; n++) {
            int wave = n;
            List<String> starting = components.stream().filter(c -> options.instancesOf(c.name()) >= wave)
                    .map(c -> instanceName(c.name(), wave)).toList();
            for (String instance : starting) {
                spawn(instance);
            }
            supervisor.awaitReady(starting, this::url, READY_TIMEOUT);
        }
    }

    // ------------------------------------------------------------------ what tests and the banner need

    /** The port of a component (its first instance) or of one instance ({@code incident-service#2}). */
    public int port(String instance) {
        Integer port = options.ports().get(instance);
        if (port == null) {
            throw new IllegalArgumentException("no such component or instance: " + instance);
        }
        return port;
    }

    /** The base URL of a component (its first instance) or of one instance ({@code incident-service#2}). */
    public String url(String instance) {
        return "http://" + LOOPBACK + ":" + port(instance);
    }

    /** The base URLs of every instance of {@code component}, comma-separated: what the gateway is given. */
    public String upstreamUrls(String component) {
        return String.join(",", instances(component).stream().map(this::url).toList());
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

    /** True when a component (its first instance) or one instance answers ready. */
    public boolean isReady(String instance) {
        return Supervisor.isReady(url(instance));
    }

    /** Waits until every one of the named components or instances answers ready. */
    public void awaitReady(String... instances) throws InterruptedException {
        supervisor.awaitReady(List.of(instances), this::url, READY_TIMEOUT);
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

    /**
     * Starts the JVM of a component or of one of its instances with everything it needs to find the
     * database, the broker, the key and the others.
     */
    void spawn(String instance) throws IOException {
        Component c = components.stream().filter(x -> x.name().equals(componentOf(instance))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(instance + " is not built or not a component"));
        step("starting " + instance + " on :" + port(instance) + " (log: " + logs().resolve(instance + ".log") + ")");
        supervisor.spawn(instance, JvmOptions.command(javaBin(), c, options.root()), environment(instance), options.root());
    }

    /**
     * The environment a component or one of its instances runs with. Instances of a service differ
     * in their port only: same database, same consumer group, same everything else.
     */
    Map<String, String> environment(String name) {
        Component c = definition(componentOf(name));
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
        if (c.name().equals(WEBHOOK_SERVICE)) {
            // everything here runs on this machine, so a developer's (or a system test's) webhook receiver
            // listens on loopback — which webhook-service refuses as a target by default (SSRF). Compose and
            // Kubernetes never set this; options.env() may still override it.
            env.put("WEBHOOK_TARGET_ALLOW_LOOPBACK", "true");
        }
        for (Component other : Component.ALL) {
            // every instance: the gateway spreads requests over them and skips one that refuses connections
            String key = "ITSM_UPSTREAM_" + other.name().replace("-service", "").toUpperCase() + "_URL";
            env.put(key, upstreamUrls(other.name()));
        }
        env.putAll(options.env());
        return env;
    }

    // ------------------------------------------------------------------ internals

    private static Component definition(String component) {
        return Component.ALL.stream().filter(x -> x.name().equals(component)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such component: " + component));
    }

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
