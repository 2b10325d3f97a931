package dev.itsm.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.itsm.testing.FreePorts;
import dev.itsm.testing.KafkaBroker;
import dev.itsm.testing.PostgresServer;

/**
 * The whole suite on one machine: embedded PostgreSQL, an in-process Kafka broker and every built
 * module as its own JVM. Used by {@code ./itsm up} ({@link LocalStack}) and by the system tests,
 * which also use its fault controls (stop the broker, kill a service, restart the database).
 */
public final class Stack implements AutoCloseable {

    /** Where and on which ports the stack runs. */
    public record Options(Path root, Path home, int pgPort, int kafkaPort, int kafkaControllerPort,
            Map<String, Integer> ports, boolean cleanData, PrintStream progress, Map<String, String> env) {

        /** The same options with extra environment variables for every component. */
        public Options withEnv(Map<String, String> extra) {
            Map<String, String> all = new LinkedHashMap<>(env);
            all.putAll(extra);
            return new Options(root, home, pgPort, kafkaPort, kafkaControllerPort, ports, cleanData, progress, all);
        }

        /** The local stack: fixed ports (ARCHITECTURE.md §8), data kept in {@code <root>/.itsm}. */
        public static Options localStack(Path root) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            Component.ALL.forEach(c -> ports.put(c.name(), c.port()));
            return new Options(root, root.resolve(".itsm"), 5432, 9092, 9093, ports, false, System.out, Map.of());
        }

        /** A throw-away stack on free ports with fresh data in {@code home} (system tests, benchmarks). */
        public static Options isolated(Path root, Path home, PrintStream progress) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            Component.ALL.forEach(c -> ports.put(c.name(), FreePorts.pick()));
            return new Options(root, home, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), ports, true, progress, Map.of());
        }
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Options options;
    private final DevKeys keys;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    /** When each component's process was spawned and when it first answered ready (for start-time figures). */
    private final Map<String, Instant> spawnedAt = new LinkedHashMap<>();
    private final Map<String, Instant> readyAt = new LinkedHashMap<>();
    private final List<Component> components;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private String dbBase;
    private String dbUser = PostgresServer.USER;
    private String dbPassword = PostgresServer.PASSWORD;
    private String bootstrap;

    public Stack(Options options) {
        this.options = options;
        this.keys = new DevKeys(options.home().resolve("keys"));
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
        if (keys.ensure()) {
            step("generated a development JWT key pair in " + options.home().resolve("keys"));
        }
        if (externalDb == null) {
            step("starting PostgreSQL 15 on :" + options.pgPort());
            if (options.cleanData()) {
                // wiped here rather than by zonky, which would also wipe it on every stop (restart tests need it kept)
                deleteTree(options.home().resolve("data/postgres"));
            }
            postgres = PostgresServer.start(options.home().resolve("data/postgres"), options.home().resolve("pg-bin"),
                    options.pgPort(), false);
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
            startProcess(c);
        }
        awaitReady(List.copyOf(processes.keySet()), READY_TIMEOUT);
    }

    /** Time from spawning each component's JVM to its first ready answer, in start order. */
    public Map<String, Duration> timeToReady() {
        Map<String, Duration> times = new LinkedHashMap<>();
        spawnedAt.forEach((name, spawned) -> {
            Instant ready = readyAt.get(name);
            if (ready != null) {
                times.put(name, Duration.between(spawned, ready));
            }
        });
        return times;
    }

    // ------------------------------------------------------------------ what tests and the banner need

    public int port(String component) {
        return options.ports().get(component);
    }

    public String url(String component) {
        return "http://localhost:" + port(component);
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

    /** A bearer token signed with this stack's key. */
    public String token(String subject, Set<String> roles, Duration lifetime) {
        try {
            return keys.token(subject, roles, lifetime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs arbitrary claims (JSON) with this stack's key — for hostile-token tests. */
    public String signClaims(String claimsJson) {
        try {
            return keys.sign(claimsJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer() {
        return DevKeys.ISSUER;
    }

    /** The process of a running component (its pid for kill -9 tests). */
    public Process process(String component) {
        return processes.get(component);
    }

    public Map<String, Process> processes() {
        return processes;
    }

    // ------------------------------------------------------------------ faults

    public void stopKafka() {
        requireEmbedded(kafka, "Kafka");
        kafka.stop();
    }

    public void startKafka() {
        requireEmbedded(kafka, "Kafka");
        kafka.start();
    }

    /** {@code kill -9} of a component. */
    public void kill(String component) throws InterruptedException {
        Process p = processes.get(component);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** Graceful stop of a component (SIGTERM). */
    public void stop(String component) throws InterruptedException {
        Process p = processes.get(component);
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** Starts a stopped or killed component again and waits until it is ready. */
    public void restart(String component) throws IOException, InterruptedException {
        Component c = components.stream().filter(x -> x.name().equals(component)).findFirst().orElseThrow();
        Process old = processes.get(component);
        if (old != null && old.isAlive()) {
            stop(component);
        }
        startProcess(c);
        awaitReady(component, READY_TIMEOUT);
    }

    /** Restarts the embedded PostgreSQL server (same port and data). */
    public void restartPostgres(Duration down) throws InterruptedException {
        requireEmbedded(postgres, "PostgreSQL");
        postgres.close();
        Thread.sleep(down.toMillis());
        postgres = PostgresServer.start(options.home().resolve("data/postgres"), options.home().resolve("pg-bin"),
                options.pgPort(), false);
    }

    public boolean isReady(String component) {
        return ready(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), url(component));
    }

    public void awaitReady(String component, Duration timeout) throws InterruptedException {
        awaitReady(List.of(component), timeout);
    }

    /** Polls the components in turn (not one after the other), so each one's ready time is its own. */
    private void awaitReady(List<String> components, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        List<String> waiting = new ArrayList<>(components);
        while (!waiting.isEmpty()) {
            for (String component : List.copyOf(waiting)) {
                Process p = processes.get(component);
                if (p != null && !p.isAlive()) {
                    throw new IllegalStateException(component + " exited with code " + p.exitValue() + "; see "
                            + logs().resolve(component + ".log"));
                }
                if (ready(http, url(component))) {
                    readyAt.put(component, Instant.now());
                    step(component + " is ready");
                    waiting.remove(component);
                }
            }
            if (!waiting.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(String.join(", ", waiting) + " did not become ready within "
                            + timeout.toSeconds() + " s; see " + logs());
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            processes.get(name).destroy();
        }
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    // ------------------------------------------------------------------ internals

    private void startProcess(Component c) throws IOException {
        step("starting " + c.name() + " on :" + port(c.name()) + " (log: " + logs().resolve(c.name() + ".log") + ")");
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-jar", c.runner(options.root()).toString());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port(c.name())));
        if (c.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", dbBase + c.database());
            env.put("QUARKUS_DATASOURCE_USERNAME", dbUser);
            env.put("QUARKUS_DATASOURCE_PASSWORD", dbPassword);
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
        env.put("ITSM_JWT_ISSUER", DevKeys.ISSUER);
        env.put("ITSM_JWT_PUBLIC_KEY", keys.publicKey().toString());
        for (Component other : Component.ALL) {
            String key = "ITSM_UPSTREAM_" + other.name().replace("-service", "").toUpperCase() + "_URL";
            env.put(key, url(other.name()));
        }
        env.putAll(options.env());
        Path log = logs().resolve(c.name() + ".log");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.directory(options.root().toFile());
        processes.put(c.name(), pb.start());
        spawnedAt.put(c.name(), Instant.now());
        readyAt.remove(c.name());
    }

    private static boolean ready(HttpClient http, String baseUrl) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void step(String message) {
        if (options.progress() != null) {
            options.progress().println("==> " + message);
        }
    }

    private static void requireEmbedded(Object server, String what) {
        if (server == null) {
            throw new IllegalStateException(what + " is external; it cannot be controlled by the stack");
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
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
