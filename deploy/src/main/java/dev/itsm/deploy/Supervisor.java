package dev.itsm.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Process supervision: runs each component (or each instance of one, {@code incident-service#2}) as its
 * own JVM with its log file, tells when it answers
 * {@code /q/health/ready}, stops it gracefully or kills it, and records the time from spawn to ready.
 * It knows nothing of what a component is; {@link Stack} decides command lines and environments.
 */
public final class Supervisor implements AutoCloseable {

    private final Path logs;
    private final PrintStream progress;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    /** When each component's process was spawned and when it first answered ready (for start-time figures). */
    private final Map<String, Instant> spawnedAt = new LinkedHashMap<>();
    private final Map<String, Instant> readyAt = new LinkedHashMap<>();

    Supervisor(Path logs, PrintStream progress) {
        this.logs = logs;
        this.progress = progress;
    }

    /** Starts {@code command} as component {@code name}, appending its output to {@code logs/<name>.log}. */
    void spawn(String name, List<String> command, Map<String, String> env, Path workDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        pb.directory(workDir.toFile());
        processes.put(name, pb.start());
        spawnedAt.put(name, Instant.now());
        readyAt.remove(name);
    }

    /** The process of a running component (its pid for kill -9 tests). */
    public Process process(String name) {
        return processes.get(name);
    }

    public Map<String, Process> processes() {
        return Collections.unmodifiableMap(processes);
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

    /**
     * {@code kill -9} (SIGKILL: no shutdown hook, no graceful close of connections or consumer
     * group membership); returns once the process is gone.
     */
    public void kill(String name) throws InterruptedException {
        Process p = running(name);
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + p.pid() + ") still runs 30 s after SIGKILL");
        }
    }

    /** Graceful stop (SIGTERM), then kill after 30 s. */
    public void stop(String name) throws InterruptedException {
        Process p = running(name);
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** True when the component at {@code baseUrl} answers ready. */
    public static boolean isReady(String baseUrl) {
        return ready(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), baseUrl);
    }

    /**
     * Polls the components in turn (not one after the other), so each one's ready time is its own;
     * fails as soon as one of them exits.
     */
    void awaitReady(List<String> names, Function<String, String> url, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        List<String> waiting = new ArrayList<>(names);
        while (!waiting.isEmpty()) {
            for (String name : List.copyOf(waiting)) {
                Process p = processes.get(name);
                if (p != null && !p.isAlive()) {
                    throw new IllegalStateException(name + " exited with code " + p.exitValue() + "; see "
                            + logs.resolve(name + ".log"));
                }
                if (ready(http, url.apply(name))) {
                    readyAt.put(name, Instant.now());
                    if (progress != null) {
                        progress.println("==> " + name + " is ready");
                    }
                    waiting.remove(name);
                }
            }
            if (!waiting.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(String.join(", ", waiting) + " did not become ready within "
                            + timeout.toSeconds() + " s; see " + logs);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Stops every component, newest first, killing what does not stop within 15 s. */
    @Override
    public void close() {
        List<String> names = new ArrayList<>(processes.keySet());
        Collections.reverse(names);
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
    }

    private Process running(String name) {
        Process p = processes.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no process was started as " + name + "; started: " + processes.keySet());
        }
        return p;
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
}
