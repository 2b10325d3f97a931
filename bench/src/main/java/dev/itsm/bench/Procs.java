package dev.itsm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Resident memory and CPU time of processes, read from /proc (Linux). */
final class Procs {

    private Procs() {
    }

    /** VmRSS of a process in kB; 0 if it is gone. */
    static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Proportional set size in kB (shared pages split between the processes sharing them). */
    static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** User + system CPU time consumed so far. */
    static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** The pids whose command line contains {@code fragment} (e.g. the embedded PostgreSQL's binary dir). */
    static List<Long> pidsWithCommandLine(String fragment) {
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+")).filter(d -> {
                try {
                    String cmd = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8);
                    return cmd.contains(fragment);
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).map(d -> Long.parseLong(d.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The processes started from a binary under {@code fragment} and all their children (PostgreSQL's backends). */
    static List<Long> processTree(String fragment) {
        java.util.Set<Long> pids = new java.util.TreeSet<>();
        for (long pid : pidsWithCommandLine(fragment)) {
            pids.add(pid);
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        }
        return List.copyOf(pids);
    }

    static long sumPssKb(List<Long> pids) {
        return pids.stream().mapToLong(Procs::pssKb).sum();
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Runs a command and returns its stdout+stderr (for version strings and tool runs). */
    static String run(List<String> command, Path workDir, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + command.get(0) + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
