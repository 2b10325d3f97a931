package dev.itsm.deploy;

import java.io.IOException;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.itsm.testing.FreePorts;
import dev.itsm.testing.KafkaBroker;
import dev.itsm.testing.PostgresServer;

/**
 * The one-command local stack: {@code ./itsm up | status | stop | token <role>}.
 * <p>
 * {@code up} starts embedded PostgreSQL (data in {@code .itsm/data/postgres}), an Apache Kafka
 * KRaft broker inside this process (data in {@code .itsm/data/kafka}) and every packaged service
 * module as its own JVM (logs in {@code .itsm/logs/<component>.log}), waits until each is ready,
 * prints the URLs and an admin token, and stops everything on Ctrl-C or {@code ./itsm stop}.
 * {@code --external} (or the env vars {@code ITSM_DB_URL} / {@code KAFKA_BOOTSTRAP_SERVERS}) uses an
 * existing PostgreSQL and Kafka instead.
 */
public final class LocalStack {

    private static final int PG_PORT = 5432;
    private static final int KAFKA_PORT = 9092;
    private static final int KAFKA_CONTROLLER_PORT = 9093;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Set<String> ALL_ROLES = Set.of("itsm-admin", "itsm-reader", "itsm-agent",
            "itsm-change-manager", "itsm-catalog-admin", "itsm-sla-admin");

    private final Path root;
    private final Path home;
    private final Path logs;
    private final Path run;
    private final DevKeys keys;
    private final List<Process> children = new ArrayList<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;

    private LocalStack(Path root) {
        this.root = root;
        this.home = root.resolve(".itsm");
        this.logs = home.resolve("logs");
        this.run = home.resolve("run");
        this.keys = new DevKeys(home.resolve("keys"));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("itsm.root", ".")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(root);
        String command = args.length == 0 ? "up" : args[0];
        int exit = switch (command) {
            case "up", "start" -> stack.up(List.of(args).contains("--external"));
            case "status" -> stack.status();
            case "stop", "down" -> stack.stop();
            case "token" -> stack.token(args.length > 1 ? args[1] : "itsm-admin", args.length > 2 ? args[2] : "dev");
            default -> {
                System.err.println("usage: ./itsm up [--external] | status | stop | token <role> [subject]");
                yield 2;
            }
        };
        System.exit(exit);
    }

    // ------------------------------------------------------------------ up

    private int up(boolean externalFlag) throws Exception {
        Files.createDirectories(logs);
        Files.createDirectories(run);
        Optional<ProcessHandle> running = launcherProcess();
        if (running.isPresent()) {
            System.err.println("The stack is already running (pid " + running.get().pid() + "). Use ./itsm status or ./itsm stop.");
            return 1;
        }
        String externalDb = env("ITSM_DB_URL");
        String externalKafka = env("KAFKA_BOOTSTRAP_SERVERS");
        if (externalFlag && (externalDb == null || externalKafka == null)) {
            System.err.println("--external needs ITSM_DB_URL (e.g. jdbc:postgresql://db:5432/), ITSM_DB_USER, ITSM_DB_PASSWORD and KAFKA_BOOTSTRAP_SERVERS");
            return 2;
        }
        List<Component> components = Component.ALL.stream().filter(c -> c.isBuilt(root)).toList();
        if (components.isEmpty()) {
            System.err.println("No service is built yet: run ./mvnw -B -DskipTests install (./itsm up does it for you).");
            return 1;
        }
        List<String> busy = new ArrayList<>();
        if (externalDb == null && !FreePorts.isFree(PG_PORT)) {
            busy.add(PG_PORT + " (PostgreSQL)");
        }
        if (externalKafka == null && (!FreePorts.isFree(KAFKA_PORT) || !FreePorts.isFree(KAFKA_CONTROLLER_PORT))) {
            busy.add(KAFKA_PORT + "/" + KAFKA_CONTROLLER_PORT + " (Kafka)");
        }
        for (Component c : components) {
            if (!FreePorts.isFree(c.port())) {
                busy.add(c.port() + " (" + c.name() + ")");
            }
        }
        if (!busy.isEmpty()) {
            System.err.println("Cannot start: port(s) already in use: " + String.join(", ", busy)
                    + ". Stop whatever uses them (or ./itsm stop) and try again.");
            return 1;
        }

        Files.writeString(run.resolve("stack.pid"), String.valueOf(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "itsm-local-stack-shutdown"));
        Instant started = Instant.now();

        if (keys.ensure()) {
            step("generated a development JWT key pair in " + root.relativize(home.resolve("keys")));
        }

        String dbBase;
        String dbUser;
        String dbPassword;
        if (externalDb == null) {
            step("starting PostgreSQL 15 on :" + PG_PORT + " (data in .itsm/data/postgres)");
            postgres = PostgresServer.start(home.resolve("data/postgres"), home.resolve("pg-bin"), PG_PORT, false);
            dbBase = "jdbc:postgresql://localhost:" + PG_PORT + "/";
            dbUser = PostgresServer.USER;
            dbPassword = PostgresServer.PASSWORD;
        } else {
            dbBase = externalDb.endsWith("/") ? externalDb : externalDb + "/";
            dbUser = Optional.ofNullable(env("ITSM_DB_USER")).orElse("postgres");
            dbPassword = Optional.ofNullable(env("ITSM_DB_PASSWORD")).orElse("");
            step("using external PostgreSQL at " + dbBase);
        }
        for (Component c : components) {
            if (c.database() != null) {
                PostgresServer.ensureDatabase(dbBase + "postgres", dbUser, dbPassword, c.database());
            }
        }

        String bootstrap;
        if (externalKafka == null) {
            step("starting Apache Kafka (KRaft) on :" + KAFKA_PORT + " (data in .itsm/data/kafka)");
            kafka = KafkaBroker.start(home.resolve("data/kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
            bootstrap = kafka.bootstrapServers();
        } else {
            bootstrap = externalKafka;
            step("using external Kafka at " + bootstrap);
        }

        for (Component c : components) {
            step("starting " + c.name() + " on :" + c.port() + " (log: .itsm/logs/" + c.name() + ".log)");
            children.add(startComponent(c, dbBase, dbUser, dbPassword, bootstrap));
        }
        for (Component c : components) {
            awaitReady(c);
        }

        Duration took = Duration.between(started, Instant.now());
        printBanner(components, bootstrap, took);
        // Stay in the foreground until Ctrl-C / ./itsm stop (SIGTERM) or a component dies.
        while (true) {
            for (int i = 0; i < children.size(); i++) {
                if (!children.get(i).isAlive()) {
                    System.err.println("!! " + components.get(i).name() + " exited with code " + children.get(i).exitValue()
                            + "; see .itsm/logs/" + components.get(i).name() + ".log. Stopping the stack.");
                    return 1;
                }
            }
            Thread.sleep(1000);
        }
    }

    private Process startComponent(Component c, String dbBase, String dbUser, String dbPassword, String bootstrap)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-jar", c.runner(root).toString());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(c.port()));
        if (c.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", dbBase + c.database());
            env.put("QUARKUS_DATASOURCE_USERNAME", dbUser);
            env.put("QUARKUS_DATASOURCE_PASSWORD", dbPassword);
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
        for (Component other : Component.ALL) {
            String key = "ITSM_UPSTREAM_" + other.name().replace("-service", "").toUpperCase() + "_URL";
            env.putIfAbsent(key, other.baseUrl());
        }
        Path log = logs.resolve(c.name() + ".log");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.directory(root.toFile());
        Process p = pb.start();
        Files.writeString(run.resolve(c.name() + ".pid"), String.valueOf(p.pid()));
        return p;
    }

    private void awaitReady(Component c) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (isReady(http, c)) {
                step(c.name() + " is ready");
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(c.name() + " did not become ready within " + READY_TIMEOUT.toSeconds()
                + " s; see .itsm/logs/" + c.name() + ".log");
    }

    private static boolean isReady(HttpClient http, Component c) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(c.baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void printBanner(List<Component> components, String bootstrap, Duration took) throws IOException {
        String token = keys.token("admin", Set.of("itsm-admin"), Duration.ofHours(12));
        Files.writeString(home.resolve("admin.token"), token);
        StringBuilder sb = new StringBuilder();
        sb.append("\nITSM suite is up in ").append(took.toMillis() / 1000.0).append(" s\n\n");
        boolean gateway = components.stream().anyMatch(c -> c.name().equals("gateway"));
        if (gateway) {
            sb.append(String.format("  %-18s %s%n", "gateway", "http://localhost:8080  (Swagger UI: http://localhost:8080/q/swagger-ui)"));
        }
        for (Component c : components) {
            if (!c.name().equals("gateway")) {
                sb.append(String.format("  %-18s %s  (Swagger UI: %s/q/swagger-ui)%n", c.name(), c.baseUrl(), c.baseUrl()));
            }
        }
        sb.append(String.format("  %-18s %s%n", "Kafka bootstrap", bootstrap));
        if (postgres != null) {
            sb.append(String.format("  %-18s %s%n", "PostgreSQL", "localhost:" + PG_PORT + " (user postgres)"));
        }
        sb.append("\nAdmin token (12 h; also in .itsm/admin.token):\n  ").append(token).append("\n");
        sb.append("\nTry:  curl -H \"Authorization: Bearer $(cat .itsm/admin.token)\" "
                + (gateway ? "http://localhost:8080" : components.get(0).baseUrl())
                + (components.get(0).name().equals("catalog-service") ? "/api/v1/catalog/services" : "/q/health") + "\n");
        sb.append("Other roles:  ./itsm token itsm-agent   (itsm-reader, itsm-change-manager, itsm-catalog-admin, itsm-sla-admin)\n");
        sb.append("Stop:  Ctrl-C here, or ./itsm stop from another terminal.   Status: ./itsm status\n");
        System.out.println(sb);
    }

    /** Stops children (SIGTERM, then kill), then Kafka, then PostgreSQL. Runs from the shutdown hook. */
    private void shutdown() {
        if (children.isEmpty() && kafka == null && postgres == null) {
            return;
        }
        System.out.println("\nstopping the ITSM suite ...");
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).destroy();
        }
        for (Process p : children) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        try {
            try (var files = Files.list(run)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException ignored) {
            // nothing left to clean
        }
        System.out.println("stopped.");
    }

    // ------------------------------------------------------------------ status / stop / token

    private int status() {
        Optional<ProcessHandle> launcher = launcherProcess();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        System.out.println(launcher.map(p -> "local stack: running (pid " + p.pid() + ")").orElse("local stack: not running"));
        Map<String, String> rows = new LinkedHashMap<>();
        for (Component c : Component.ALL) {
            if (!c.isBuilt(root)) {
                continue;
            }
            rows.put(c.name(), isReady(http, c) ? "UP    " + c.baseUrl() : (FreePorts.isFree(c.port()) ? "DOWN" : "NOT READY " + c.baseUrl()));
        }
        rows.put("kafka", FreePorts.isFree(KAFKA_PORT) ? "DOWN" : "UP    localhost:" + KAFKA_PORT);
        rows.put("postgresql", FreePorts.isFree(PG_PORT) ? "DOWN" : "UP    localhost:" + PG_PORT);
        rows.forEach((k, v) -> System.out.printf("  %-18s %s%n", k, v));
        return launcher.isPresent() ? 0 : 3;
    }

    private int stop() throws Exception {
        Optional<ProcessHandle> launcher = launcherProcess();
        if (launcher.isPresent()) {
            System.out.println("stopping the local stack (pid " + launcher.get().pid() + ") ...");
            launcher.get().destroy();
            try {
                launcher.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                launcher.get().destroyForcibly();
            }
        }
        // Leftovers of a launcher that was killed hard: its service processes and PostgreSQL.
        int leftovers = 0;
        if (Files.isDirectory(run)) {
            try (var files = Files.list(run)) {
                for (Path f : files.toList()) {
                    Optional<ProcessHandle> p = readPid(f);
                    if (p.isPresent() && p.get().isAlive()) {
                        p.get().destroy();
                        p.get().onExit().get(20, TimeUnit.SECONDS);
                        leftovers++;
                    }
                    Files.deleteIfExists(f);
                }
            }
        }
        Path postmasterPid = home.resolve("data/postgres/postmaster.pid");
        if (Files.exists(postmasterPid)) {
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
            Optional<ProcessHandle> pg = ProcessHandle.of(pid);
            if (pg.isPresent() && pg.get().isAlive()) {
                pg.get().destroy(); // SIGTERM = PostgreSQL "smart" shutdown
                pg.get().onExit().get(30, TimeUnit.SECONDS);
                leftovers++;
            }
        }
        System.out.println(launcher.isPresent() || leftovers > 0 ? "stopped." : "the local stack was not running.");
        return 0;
    }

    private int token(String role, String subject) throws IOException {
        if (!ALL_ROLES.contains(role)) {
            System.err.println("unknown role " + role + "; one of " + ALL_ROLES);
            return 2;
        }
        keys.ensure();
        System.out.println(keys.token(subject, Set.of(role), Duration.ofHours(12)));
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    private Optional<ProcessHandle> launcherProcess() {
        return readPid(run.resolve("stack.pid")).filter(ProcessHandle::isAlive)
                .filter(p -> p.pid() != ProcessHandle.current().pid());
    }

    private static Optional<ProcessHandle> readPid(Path file) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static void step(String message) {
        System.out.println("==> " + message);
    }
}
