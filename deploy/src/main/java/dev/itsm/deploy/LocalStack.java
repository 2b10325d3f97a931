package dev.itsm.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.itsm.infra.FreePorts;
import dev.itsm.infra.KafkaBroker;
import dev.itsm.infra.PostgresServer;
import java.util.concurrent.TimeoutException;

/**
 * The one-command local stack: {@code ./itsm up | status | stop | token <role>}.
 * <p>
 * {@code up} starts embedded PostgreSQL (data in {@code .itsm/data/postgres}), an Apache Kafka
 * KRaft broker inside this process (data in {@code .itsm/data/kafka}) and every packaged service
 * module as its own JVM (logs in {@code .itsm/logs/<component>.log}), waits until each is ready,
 * prints the URLs and an admin token, and stops everything on Ctrl-C or {@code ./itsm stop}.
 * {@code --external} (or the env vars {@code ITSM_DB_URL} / {@code KAFKA_BOOTSTRAP_SERVERS}) uses an
 * existing PostgreSQL and Kafka instead. Everything listens on loopback; {@code --bind <address>}
 * (or {@code ITSM_BIND}) opens the gateway — and only the gateway — to other machines.
 * {@code --instances <n>} (or {@code ITSM_INSTANCES}) runs every service as {@code n} instances behind
 * the gateway, as the Kubernetes manifests run replicas.
 */
public final class LocalStack {

    private static final int PG_PORT = 5432;
    private static final int KAFKA_PORT = 9092;
    static final String MONITORING_SERVICE = "monitoring-service";
    static final Set<String> ALL_ROLES = Set.of("itsm-admin", "itsm-reader", "itsm-agent",
            "itsm-change-manager", "itsm-catalog-admin", "itsm-sla-admin", "itsm-integration-admin",
            "itsm-problem-manager", "itsm-requester", "itsm-event-source");

    private final Path root;
    private final Path home;
    private final Path logs;
    private final Path run;
    private final TokenSigner keys;

    private LocalStack(Path root) {
        this.root = root;
        this.home = root.resolve(".itsm");
        this.logs = home.resolve("logs");
        this.run = home.resolve("run");
        this.keys = new TokenSigner(home.resolve("keys"));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("itsm.root", ".")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(root);
        String command = args.length == 0 ? "up" : args[0];
        int exit = switch (command) {
            case "up", "start" -> stack.up(List.of(args).contains("--external"), gatewayBind(args), instances(args));
            case "status" -> stack.status();
            case "stop", "down" -> stack.stop();
            case "token" -> stack.token(args.length > 1 ? args[1] : "itsm-admin", args.length > 2 ? args[2] : "dev");
            case "selfcheck" -> selfcheck(Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir")));
            default -> {
                System.err.println("usage: ./itsm up [--external] [--bind <address>] [--instances <n>] | status | stop | token <role> [subject]");
                yield 2;
            }
        };
        System.exit(exit);
    }

    // ------------------------------------------------------------------ up

    /**
     * Where the gateway listens: {@code --bind <address>}, else {@code ITSM_BIND}, else loopback.
     * The services always listen on loopback; only the gateway may be opened to the network.
     */
    static String gatewayBind(String[] args) {
        List<String> list = List.of(args);
        int at = list.indexOf("--bind");
        if (at >= 0 && at + 1 < list.size()) {
            return list.get(at + 1);
        }
        String fromEnv = env("ITSM_BIND");
        return fromEnv == null ? Stack.LOOPBACK : fromEnv;
    }

    /**
     * How many instances of each service to run: {@code --instances <n>}, else {@code ITSM_INSTANCES},
     * else one. The first instance of each keeps its fixed port; the others get free ones.
     */
    static int instances(String[] args) {
        List<String> list = List.of(args);
        int at = list.indexOf("--instances");
        String value = at >= 0 && at + 1 < list.size() ? list.get(at + 1) : env("ITSM_INSTANCES");
        if (value == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--instances / ITSM_INSTANCES must be a whole number of at least 1, was " + value);
    }

    private int up(boolean externalFlag, String gatewayBind, int instances) throws Exception {
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
        Stack.Options options = Stack.Options.localStack(root).withGatewayBind(gatewayBind);
        for (Component c : Component.ALL) {
            if (c.database() != null && instances > 1) {
                options = options.withInstances(c.name(), instances);
            }
        }
        Stack stack = new Stack(options);
        if (stack.components().isEmpty()) {
            System.err.println("No service is built yet: run ./mvnw -B -DskipTests install (./itsm up does it for you).");
            return 1;
        }
        List<String> busy = stack.busyPorts(externalDb != null, externalKafka != null);
        if (!busy.isEmpty()) {
            System.err.println("Cannot start: port(s) already in use: " + String.join(", ", busy)
                    + ". Stop whatever uses them (or ./itsm stop) and try again.");
            return 1;
        }
        Files.writeString(run.resolve("stack.pid"), String.valueOf(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(stack), "itsm-local-stack-shutdown"));
        Instant started = Instant.now();
        stack.start(externalDb, env("ITSM_DB_USER"), env("ITSM_DB_PASSWORD"), externalKafka);
        for (Map.Entry<String, Process> e : stack.supervisor().processes().entrySet()) {
            Files.writeString(run.resolve(e.getKey() + ".pid"), String.valueOf(e.getValue().pid()));
        }
        printBanner(stack, Duration.between(started, Instant.now()), gatewayBind);
        // Stay in the foreground until Ctrl-C / ./itsm stop (SIGTERM) or a component dies.
        while (true) {
            for (Map.Entry<String, Process> e : stack.supervisor().processes().entrySet()) {
                if (!e.getValue().isAlive()) {
                    System.err.println("!! " + e.getKey() + " exited with code " + e.getValue().exitValue()
                            + "; see .itsm/logs/" + e.getKey() + ".log. Stopping the stack.");
                    return 1;
                }
            }
            Thread.sleep(1000);
        }
    }

    private void printBanner(Stack stack, Duration took, String gatewayBind) throws IOException {
        String token = stack.tokens().token("admin", Set.of("itsm-admin"), Duration.ofHours(12));
        OwnerOnlyFiles.write(home.resolve("admin.token"), token);
        StringBuilder sb = new StringBuilder();
        sb.append("\nITSM suite is up in ").append(took.toMillis() / 1000.0).append(" s\n\n");
        boolean gateway = stack.has("gateway");
        if (gateway) {
            sb.append(String.format("  %-18s %s  (Swagger UI: %s/q/swagger-ui, merged OpenAPI: %s/openapi)%n", "gateway",
                    stack.url("gateway"), stack.url("gateway"), stack.url("gateway")));
        }
        for (String c : stack.instances()) {
            if (!c.equals("gateway")) {
                sb.append(String.format("  %-18s %s  (Swagger UI: %s/q/swagger-ui)%n", c, stack.url(c), stack.url(c)));
            }
        }
        sb.append(String.format("  %-18s %s%n", "Kafka bootstrap", stack.kafkaBootstrapServers()));
        if (stack.embeddedPostgres()) {
            sb.append(String.format("  %-18s %s%n", "PostgreSQL", stack.jdbcUrl("") + " (user postgres)"));
        }
        if (gateway && !Stack.LOOPBACK.equals(gatewayBind)) {
            sb.append("\n  The gateway listens on ").append(gatewayBind).append(" (--bind / ITSM_BIND); the services on ")
                    .append(Stack.LOOPBACK).append(" only.\n");
        }
        sb.append("\nAdmin token (12 h; also in .itsm/admin.token, readable by you only):\n  ").append(token).append("\n");
        String first = gateway ? stack.url("gateway") : stack.url(stack.components().get(0));
        sb.append("\nTry:  curl -H \"Authorization: Bearer $(cat .itsm/admin.token)\" ").append(first)
                .append("/api/v1/catalog/services\n");
        sb.append("Other roles:  ./itsm token itsm-agent   (itsm-reader, itsm-change-manager, itsm-catalog-admin, itsm-sla-admin,\n")
                .append("              itsm-integration-admin: webhook subscriptions,\n")
                .append("              itsm-problem-manager: root causes, known errors, fixes, closing problems,\n")
                .append("              itsm-requester: orders offerings and sees only its own requests and those of the\n")
                .append("              organisations where it is a CUSTOMER; give each requester a subject:\n")
                .append("              ./itsm token itsm-requester ann   ./itsm token itsm-requester bob,\n")
                .append("              itsm-event-source: a monitoring tool; posts alerts to /api/v1/monitoring/alertmanager\n")
                .append("              and /events and may do nothing else: ./itsm token itsm-event-source alertmanager)\n");
        if (stack.has(MONITORING_SERVICE)) {
            // the token Alertmanager's receiver sends (http_config.authorization.credentials_file): the
            // role may post alerts and nothing else, so the file is worth less than the admin's
            OwnerOnlyFiles.write(home.resolve("event-source.token"),
                    stack.tokens().token("alertmanager", Set.of("itsm-event-source"), Duration.ofHours(12)));
            sb.append("Alerts:  .itsm/event-source.token (itsm-event-source, 12 h) for Alertmanager's receiver\n")
                    .append("         (deploy/observability/alertmanager.yml) or curl ").append(first)
                    .append("/api/v1/monitoring/events\n");
        }
        if (stack.has(Stack.WEBHOOK_SERVICE)) {
            sb.append("Webhooks:  subscriptions may target http://127.0.0.1/localhost here (WEBHOOK_TARGET_ALLOW_LOOPBACK=true,\n")
                    .append("           local stack only); see the README's \"Webhooks\" section\n");
        }
        sb.append("Stop:  Ctrl-C here, or ./itsm stop from another terminal.   Status: ./itsm status\n");
        System.out.println(sb);
    }

    /** Stops services, then Kafka, then PostgreSQL. Runs from the shutdown hook. */
    private void shutdown(Stack stack) {
        System.out.println("\nstopping the ITSM suite ...");
        stack.close();
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
        System.out.println(launcher.map(p -> "local stack: running (pid " + p.pid() + ")").orElse("local stack: not running"));
        Map<String, String> rows = new LinkedHashMap<>();
        for (Component c : Component.ALL) {
            if (!c.isBuilt(root)) {
                continue;
            }
            rows.put(c.name(), Supervisor.isReady(c.baseUrl()) ? "UP    " + c.baseUrl() : (FreePorts.isFree(c.port()) ? "DOWN" : "NOT READY " + c.baseUrl()));
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
            } catch (TimeoutException e) {
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

    /**
     * Starts and stops an embedded PostgreSQL and a Kafka broker on free ports under {@code dir} and
     * signs a token: proves the launcher's class path (deploy/target/lib) has everything ./itsm needs.
     */
    private static int selfcheck(Path base) throws IOException {
        Path dir = base.resolve("run-" + ProcessHandle.current().pid());
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg-data"),
                dir.resolve("pg-bin"), 0, true);
                KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), 0, 0)) {
            pg.ensureDatabase("itsm_selfcheck");
            TokenSigner keys = new TokenSigner(dir.resolve("keys"));
            keys.ensure();
            String token = keys.token("selfcheck", Set.of("itsm-reader"), Duration.ofMinutes(1));
            System.out.println("selfcheck ok: postgres " + pg.port() + ", kafka " + kafka.bootstrapServers() + ", token "
                    + token.length() + " chars");
            return 0;
        }
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

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }

}
