package dev.itsm.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;

import dev.itsm.deploy.Stack;

/**
 * {@code bench/run.sh}: starts the suite with the local-stack launcher code on free ports, runs the ten
 * benchmarks and writes {@code bench/RESULTS.md} (tables) and {@code bench/raw/} (every tool's output).
 * Usage: {@code Bench <repo root> [--quick] [--no-itsm-up] [--only write|gateway|read|sla|webhook|problem|request|monitoring]};
 * {@code --only <section>} runs that one section alone on a stack of its own (section 5 without its JMH part) and
 * writes {@code bench/raw/<section>/RESULTS.md} instead.
 */
public final class Bench {

    /** One table of RESULTS.md: runs, or records why it could not. */
    interface Section {
        void run(Report report) throws Exception;
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        List<String> flags = List.of(args).subList(1, args.length);
        boolean quick = flags.contains("--quick");
        int only = flags.indexOf("--only");
        if (only >= 0) {
            String section = only + 1 < flags.size() ? flags.get(only + 1) : "";
            switch (section) {
                case "read" -> only(root, quick, section, "4. Read path", (s, r) -> ReadPath.run(s, new Wrk(s.raw),
                        new Pgbench(s.raw, s.pgPort(), s.stack.dbUser(), s.stack.dbPassword()), r));
                case "write" -> only(root, quick, section, "1. Write path", (s, r) -> WritePath.run(s, new Wrk(s.raw),
                        new Pgbench(s.raw, s.pgPort(), s.stack.dbUser(), s.stack.dbPassword()), r));
                case "gateway" -> only(root, quick, section, "2. Gateway overhead", (s, r) -> GatewayOverhead.run(s, new Wrk(s.raw), r));
                case "webhook" -> only(root, quick, section, "7. Webhook delivery", WebhookDelivery::run);
                case "problem" -> only(root, quick, section, "8. Problem management", ProblemManagement::run);
                case "request" -> only(root, quick, section, "9. Service requests", ServiceRequests::run);
                case "monitoring" -> only(root, quick, section, "10. Monitoring", Monitoring::run);
                case "sla" -> only(root, quick, section, "5. SLA engine", (s, r) -> SlaEngine.run(s, java.util.List.of(), r));
                default -> throw new IllegalArgumentException("--only takes: write, gateway, read, sla, webhook, problem, request, monitoring (got '"
                        + section + "')");
            }
            return;
        }
        Path out = root.resolve("bench");
        Path raw = out.resolve("raw");
        clearOwnOutput(raw);
        Files.createDirectories(raw);
        long began = System.nanoTime();
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String machine = Machine.describe();
        System.out.println(machine);

        Report[] tables = new Report[11];
        for (int i = 1; i <= 10; i++) {
            tables[i] = new Report();
        }
        Collection<RunResult> jmh = safely(tables[5], "5. SLA engine (JMH)", () -> SlaEngine.jmh(raw, quick));
        Footprint.Reference bare = Footprint.bareJvm();

        Stack stack = new Stack(options(root));
        String versions;
        long stackStart = System.nanoTime();
        try {
            stack.start(null, null, null, null);
            Duration startup = Duration.ofNanos(System.nanoTime() - stackStart);
            Suite s = new Suite(stack, quick, raw);
            s.setUp();
            versions = Machine.versions(s);
            Wrk wrk = new Wrk(raw);
            Pgbench pgbench = new Pgbench(raw, s.pgPort(), stack.dbUser(), stack.dbPassword());
            try (Footprint footprint = new Footprint(stack)) {
                Thread.sleep(quick ? 10_000 : 30_000); // idle: the JITs, the first relay rounds and the heaps settle
                footprint.recordIdle();
                footprint.trackPeak(true);
                section(tables[2], "2. Gateway overhead", r -> GatewayOverhead.run(s, wrk, r));
                section(tables[1], "1. Write path", r -> WritePath.run(s, wrk, pgbench, r));
                footprint.trackPeak(false);
                section(tables[3], "3. Event latency", r -> EventLatency.run(s, r));
                section(tables[4], "4. Read path", r -> ReadPath.run(s, wrk, pgbench, r));
                if (jmh != null) {
                    section(tables[5], "5. SLA engine", r -> SlaEngine.run(s, jmh, r));
                }
                section(tables[7], "7. Webhook delivery", r -> WebhookDelivery.run(s, r));
                section(tables[8], "8. Problem management", r -> ProblemManagement.run(s, r));
                section(tables[9], "9. Service requests", r -> ServiceRequests.run(s, r));
                section(tables[10], "10. Monitoring", r -> Monitoring.run(s, r));
                stack.close();
                String itsmUp = flags.contains("--no-itsm-up") ? "not measured (--no-itsm-up)" : Footprint.itsmUp(root, raw);
                section(tables[6], "6. Footprint", r -> footprint.report(r, startup, bare, itsmUp));
            }
        } finally {
            stack.close();
        }

        double minutes = (System.nanoTime() - began) / 60e9;
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks: the whole suite next to its physical references\n\n");
        md.append("Written by `bench/run.sh").append(quick ? " --quick" : "").append("` on ").append(started)
                .append(" in ").append(String.format(java.util.Locale.ROOT, "%.1f", minutes)).append(" minutes. ")
                .append(quick ? "**Quick smoke run: short durations and small data sets — do not quote these numbers.** " : "")
                .append("Every number below was measured in this one run, on this machine, with the suite and its "
                        + "references side by side; the raw output of every tool is in `bench/raw/`. Load generators: "
                        + "wrk (closed loop, for saturation), a Java open-loop generator with HdrHistogram (fixed "
                        + "rates, latency from each request's due time), pgbench, Kafka's EndToEndLatency, JMH. The "
                        + "load generators run on the same 2 cores as the suite, so every rate here is a lower "
                        + "bound shared with its reference.\n\n");
        md.append(machine).append('\n').append(versions).append('\n');
        for (int i = 1; i <= 10; i++) {
            md.append(tables[i]);
        }
        Path findings = out.resolve("FINDINGS.md");
        if (Files.exists(findings)) {
            md.append("\n").append(Files.readString(findings));
        }
        Files.writeString(out.resolve("RESULTS.md"), md.toString());
        System.out.println("==> wrote " + out.resolve("RESULTS.md") + " in " + String.format("%.1f", minutes) + " min");
        System.exit(0);
    }

    /** The stack every run uses: no rate limit, and webhook-service may deliver to the bench's loopback receiver. */
    private static Stack.Options options(Path root) {
        return Stack.Options.isolated(root, root.resolve("bench/target/stack"), System.out)
                .withEnv(Map.of("ITSM_RATE_LIMIT", "1000000000", "ITSM_RATE_LIMIT_PERIOD", "1m",
                        "WEBHOOK_TARGET_ALLOW_LOOPBACK", "true"));
    }

    /**
     * Removes what an earlier full run wrote to {@code raw}, keeping every folder that is a run of its own — one with
     * its own RESULTS.md or README.md: the {@code --only} sections' output and saved runs that FINDINGS.md cites.
     */
    private static void clearOwnOutput(Path raw) throws java.io.IOException {
        if (!Files.isDirectory(raw)) {
            return;
        }
        try (var entries = Files.list(raw)) {
            for (Path p : entries.toList()) {
                boolean runOfItsOwn = Files.isDirectory(p)
                        && (Files.exists(p.resolve("RESULTS.md")) || Files.exists(p.resolve("README.md")));
                if (!runOfItsOwn) {
                    Stack.deleteTree(p);
                }
            }
        }
    }

    /** A section that runs on the started suite. */
    interface SuiteSection {
        void run(Suite s, Report report) throws Exception;
    }

    /**
     * {@code --only <name>}: one section alone (a few minutes), on a fresh stack, without touching
     * RESULTS.md or the other sections' raw output; the table goes to {@code bench/raw/<name>/RESULTS.md}.
     */
    private static void only(Path root, boolean quick, String name, String title, SuiteSection run) throws Exception {
        Path raw = root.resolve("bench/raw/" + name);
        Stack.deleteTree(raw);
        Files.createDirectories(raw);
        String machine = Machine.describe();
        System.out.println(machine);
        Report table = new Report();
        Stack stack = new Stack(options(root));
        try {
            stack.start(null, null, null, null);
            Suite s = new Suite(stack, quick, raw);
            s.setUp();
            section(table, title, r -> run.run(s, r));
        } finally {
            stack.close();
        }
        String md = "# Benchmark section " + title.substring(0, title.indexOf('.')) + " alone (`bench/run.sh --only " + name
                + (quick ? " --quick" : "") + "`)\n\n" + machine + "\n" + table;
        Files.writeString(raw.resolve("RESULTS.md"), md);
        System.out.println(md);
        System.exit(0);
    }

    interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T safely(Report report, String title, Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            failed(report, title, e);
            return null;
        }
    }

    private static void section(Report report, String title, Section section) {
        System.out.println("==> " + title);
        try {
            section.run(report);
        } catch (Exception e) {
            failed(report, title, e);
        }
    }

    /** A benchmark that broke is reported as broken, and the others still run. */
    private static void failed(Report report, String title, Exception e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        System.out.println("!!! " + title + " failed: " + trace);
        report.heading(title + " — FAILED").text("```\n" + trace.toString().lines().limit(15)
                .reduce((a, b) -> a + "\n" + b).orElse("") + "\n```");
    }
}
