package dev.itsm.bench;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.itsm.deploy.JvmOptions;
import dev.itsm.deploy.Stack;
import dev.itsm.infra.FreePorts;

/**
 * Table 6: each service's start time and resident memory idle and under load, and the whole stack's
 * time to ready. A sampler reads /proc once a second; "under load" is the peak while tables 1 and 2
 * ran. Reference: a bare JVM with the same flags answering one HTTP path (IdleJvm).
 */
final class Footprint implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    static final String DRIVER = "bench driver JVM (also runs the Kafka broker)";
    static final String POSTGRES = "PostgreSQL (all its processes, PSS)";
    /** The JVM profile the stack under test runs with (ITSM_JVM_PROFILE in the driver's environment). */
    static final String PROFILE = JvmOptions.profile(System.getenv());

    private final Stack stack;
    private final Map<String, Long> idle = new LinkedHashMap<>();
    private final Map<String, Long> peak = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean tracking;
    private final Thread sampler;
    private volatile boolean running = true;

    private final List<String> components;
    private final Map<String, Duration> ready;

    Footprint(Stack stack) {
        this.stack = stack;
        this.components = List.copyOf(stack.supervisor().processes().keySet());
        this.ready = stack.supervisor().timeToReady();
        this.sampler = new Thread(this::sample, "bench-rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Resident memory of every component now, in kB. */
    Map<String, Long> now() {
        Map<String, Long> m = new LinkedHashMap<>();
        stack.supervisor().processes().forEach((name, p) -> m.put(name, Procs.rssKb(p.pid())));
        m.put(POSTGRES, Procs.sumPssKb(Procs.processTree(stack.home().resolve("pg-bin").toString())));
        m.put(DRIVER, Procs.rssKb(ProcessHandle.current().pid()));
        return m;
    }

    void recordIdle() {
        idle.putAll(now());
    }

    void trackPeak(boolean on) {
        tracking = on;
    }

    private void sample() {
        while (running) {
            if (tracking) {
                now().forEach((k, v) -> peak.merge(k, v, Math::max));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    /** Table 6; {@code itsmUp} is the measured {@code ./itsm up} (or a reason it was not measured). */
    void report(Report report, Duration stackStart, Reference reference, String itsmUp) throws IOException {
        report.heading("6. Footprint")
                .text("Every service runs as its own JVM with the launcher's flags (JvmOptions, profile `" + PROFILE
                        + "`: " + ("throughput".equals(PROFILE) ? "-Xms = -Xmx" : "-Xmx") + " per component, "
                        + String.join(" ", JvmOptions.flags(PROFILE)) + ", MALLOC_ARENA_MAX=2, "
                        + "and the class-data-sharing archive app-cds.jsa when the build made one). "
                        + "Ready = first 200 from /q/health/ready after the process was spawned (all " + components.size() + " start at "
                        + "once, so they share the 2 cores while starting); Quarkus's own \"started in\" is from its "
                        + "log. RSS from /proc (VmRSS); PostgreSQL as the PSS sum of its processes. Under load = peak "
                        + "of 1-second samples while tables 1 and 2 ran. Reference: a bare JVM with the same flags ("
                        + String.join(" ", JvmOptions.heap(PROFILE, 384)) + ", no archive of its own) serving one path with the JDK's HTTP server, started alone.");
        var t = report.table("component", "spawn → ready", "Quarkus \"started in\"", "RSS idle", "RSS under load (peak)",
                "idle RSS vs bare JVM");
        t.row("bare JVM (reference)", Report.seconds(reference.ready().toMillis() / 1000.0), "–",
                Report.mb(reference.rssKb()), "–", "1.00×");
        for (String name : components) {
            Duration r = ready.get(name);
            t.row(name, r == null ? "–" : Report.seconds(r.toMillis() / 1000.0), quarkusStarted(name),
                    Report.mb(idle.getOrDefault(name, 0L)), Report.mb(peak.getOrDefault(name, 0L)),
                    Report.ratio(idle.getOrDefault(name, 0L), reference.rssKb()));
        }
        for (String name : List.of(POSTGRES, DRIVER)) {
            t.row(name, "–", "–", Report.mb(idle.getOrDefault(name, 0L)), Report.mb(peak.getOrDefault(name, 0L)), "–");
        }
        t.end();
        report.text("**Whole stack, launcher code (Stack.start: fresh PostgreSQL data directory, Kafka, " + components.size() + " JVMs) to "
                + "all ready: " + Report.seconds(stackStart.toMillis() / 1000.0) + ".** `./itsm up` from the command "
                + "to all of them ready (suite already built): " + itsmUp + ".");
    }

    private String quarkusStarted(String component) {
        try {
            Matcher m = STARTED.matcher(Files.readString(stack.logs().resolve(component + ".log")));
            String last = null;
            while (m.find()) {
                last = m.group(1) + " s";
            }
            return last == null ? "–" : last;
        } catch (IOException e) {
            return "–";
        }
    }

    record Reference(Duration ready, long rssKb) {
    }

    /** Starts IdleJvm alone, measures spawn → ready and its RSS after it settled. */
    static Reference bareJvm() throws IOException, InterruptedException {
        int port = FreePorts.pick();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JvmOptions.heap(PROFILE, 384));
        command.addAll(JvmOptions.flags(PROFILE));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleJvm.class.getName(), String.valueOf(port)));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("MALLOC_ARENA_MAX", "2"); // as the launcher runs the services
        Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Duration ready = null;
            while (ready == null && System.nanoTime() - start < 30_000_000_000L) {
                if (ok(http, "http://127.0.0.1:" + port + "/q/health/ready")) {
                    ready = Duration.ofNanos(System.nanoTime() - start);
                } else {
                    Thread.sleep(20);
                }
            }
            Thread.sleep(2000);
            return new Reference(ready == null ? Duration.ZERO : ready, Procs.rssKb(p.pid()));
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code ./itsm up} on the fixed ports, timed to all ready, then {@code ./itsm stop}. */
    static String itsmUp(Path root, Path raw) throws IOException, InterruptedException {
        int[] services = {8080, 8081, 8082, 8083, 8084, 8088};
        int[] ports = {8080, 8081, 8082, 8083, 8084, 8088, 5432, 9092, 9093};
        for (int port : ports) {
            if (!FreePorts.isFree(port)) {
                return "not measured (port " + port + " is in use)";
            }
        }
        System.out.println("==> timing ./itsm up");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long start = System.nanoTime();
        ProcessBuilder launcher = new ProcessBuilder("./itsm", "up").directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(raw.resolve("itsm-up.log").toFile());
        // ./itsm up as a user runs it: the default (small) JVM profile, whatever this benchmark's stack used
        launcher.environment().remove(JvmOptions.PROFILE_ENV);
        Process up = launcher.start();
        try {
            Instant deadline = Instant.now().plusSeconds(300);
            boolean all = false;
            while (!all && Instant.now().isBefore(deadline) && up.isAlive()) {
                all = true;
                for (int port : services) {
                    all &= ok(http, "http://localhost:" + port + "/q/health/ready");
                }
                if (!all) {
                    Thread.sleep(100);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!all) {
                return "not measured (./itsm up did not get ready; see raw/itsm-up.log)";
            }
            boolean built = Files.readString(raw.resolve("itsm-up.log")).contains("building the suite");
            Thread.sleep(30_000); // idle: let start-up garbage be collected and the heaps shrink back
            return Report.seconds(seconds) + (built ? " (including a rebuild: sources were newer than the last build)" : "")
                    + "; idle RSS 30 s later (default `small` profile): " + itsmUpRss();
        } finally {
            Procs.run(List.of("./itsm", "stop"), root, Duration.ofMinutes(1));
            if (!up.waitFor(60, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
            // the banner prints an admin token for this machine's dev key; raw/ keeps the log without it
            Path log = raw.resolve("itsm-up.log");
            Files.writeString(log, Files.readString(log).replaceAll("eyJ[A-Za-z0-9._-]+", "<token>"));
        }
    }

    /** VmRSS of each JVM {@code ./itsm up} started, named by the module directory it runs in. */
    private static String itsmUpRss() {
        List<String> parts = new ArrayList<>();
        for (long pid : Procs.pidsWithCommandLine("quarkus-run.jar")) {
            try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd"));
                // <root>/<module>/target/quarkus-app
                String module = cwd.getParent().getParent().getFileName().toString();
                parts.add(module + " " + Report.mb(Procs.rssKb(pid)));
            } catch (IOException | RuntimeException e) {
                // the process went away
            }
        }
        java.util.Collections.sort(parts);
        return parts.isEmpty() ? "not found" : String.join(", ", parts);
    }

    /** True when {@code url} answers 200 (false while nothing listens yet). */
    static boolean ok(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
