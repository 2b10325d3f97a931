package dev.itsm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine and the versions a run was measured with (the head of RESULTS.md). */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = grep(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.+)");
        String mem = grep(Path.of("/proc/meminfo"), "MemTotal:\\s*(\\d+) kB");
        String load = read(Path.of("/proc/loadavg")).trim();
        String kernel = Procs.run(List.of("uname", "-srm"), null, Duration.ofSeconds(5)).trim();
        return "**Machine:** " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + (mem.isEmpty() ? "?" : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(mem) / 1048576.0))
                + " RAM, " + kernel + "; load average at the start: " + load.substring(0, Math.min(load.length(), 14))
                + ".\n";
    }

    static String versions(Suite s) {
        String pg;
        try (Connection c = s.db("postgres")) {
            pg = Suite.one(c, "show server_version");
        } catch (Exception e) {
            pg = "?";
        }
        String quarkus = grep(s.stack.home().getParent().getParent().getParent().resolve("pom.xml"),
                "<quarkus.platform.version>([^<]+)<");
        String git = Procs.run(List.of("git", "describe", "--always", "--dirty"), null, Duration.ofSeconds(5)).trim();
        return "**Versions:** Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "), Quarkus " + quarkus + ", PostgreSQL " + pg + " (embedded, zonky), Kafka "
                + org.apache.kafka.common.utils.AppInfoParser.getVersion() + " (in-process KRaft broker), "
                + first(Procs.run(List.of("wrk", "--version"), null, Duration.ofSeconds(5))) + ", "
                + first(Procs.run(List.of("nginx", "-v"), null, Duration.ofSeconds(5))) + ", "
                + first(Procs.run(List.of("pgbench", "--version"), null, Duration.ofSeconds(5))) + "; commit " + git
                + ".\n";
    }

    private static String first(String text) {
        String line = text.lines().findFirst().orElse("?").trim();
        int copyright = line.indexOf(" Copyright");
        return copyright > 0 ? line.substring(0, copyright) : line;
    }

    private static String grep(Path file, String regex) {
        Matcher m = Pattern.compile(regex).matcher(read(file));
        return m.find() ? m.group(1).trim() : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }
}
