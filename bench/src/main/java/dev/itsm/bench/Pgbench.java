package dev.itsm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * pgbench (Debian's postgresql-client) running a custom script against the suite's own PostgreSQL:
 * the reference for what the database alone can do. Latency percentiles come from its per-transaction
 * log ({@code -l}), so they are computed exactly like ours.
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private final Path raw;
    private final int port;
    private final String user;
    private final String password;

    Pgbench(Path raw, int port, String user, String password) {
        this.raw = raw;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    Latency run(String name, String database, String script, int clients, Duration duration) throws IOException,
            InterruptedException {
        Path dir = raw.resolve("pgbench-" + name);
        Files.createDirectories(dir);
        Path file = dir.resolve("script.sql");
        Files.writeString(file, script);
        List<String> cmd = List.of("pgbench", "-n", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", user,
                "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(2, clients)),
                "-T", String.valueOf(duration.toSeconds()), "-f", file.toString(), "-l", "--log-prefix",
                dir.resolve("log").toString(), database);
        System.out.println("    pgbench " + name + ": " + clients + " clients, " + duration.toSeconds() + " s");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Files.writeString(dir.resolve("output.txt"), String.join(" ", cmd) + "\n\n" + out);
        Matcher tps = TPS.matcher(out);
        if (p.exitValue() != 0 || !tps.find()) {
            throw new IllegalStateException("pgbench " + name + " failed:\n" + out);
        }
        Matcher failed = FAILED.matcher(out);
        long errors = failed.find() ? Long.parseLong(failed.group(1)) : 0;
        Histogram h = Latency.histogram();
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith("log.")).forEach(logs::add);
        }
        for (Path log : logs) {
            try (Stream<String> lines = Files.lines(log)) {
                lines.forEach(line -> {
                    String[] f = line.split(" ");
                    if (f.length >= 3) {
                        h.recordValue(Math.max(1, Long.parseLong(f[2])));
                    }
                });
            }
            Files.delete(log); // the per-transaction logs are large; output.txt keeps pgbench's summary
        }
        Latency l = Latency.of(h, errors, duration.toSeconds());
        // tps as pgbench computes it (excludes connection set-up), not count/duration
        return new Latency(l.requests(), errors, l.requests() / Double.parseDouble(tps.group(1)), l.p50(), l.p99(),
                l.p999(), l.mean());
    }
}
