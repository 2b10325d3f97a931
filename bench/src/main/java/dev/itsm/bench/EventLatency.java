package dev.itsm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * Table 3: from a {@code POST} returning 201 to (a) the IncidentOpened record being readable on
 * {@code itsm.incident.events} and (b) the SLA timer existing in sla-service's database, at a fixed
 * rate. Reference: Kafka's own EndToEndLatency tool (produce with acks=all, then consume) on the same
 * broker — the floor for any event that goes through Kafka.
 */
final class EventLatency {

    private static final Pattern E2E = Pattern.compile(
            "Avg latency: ([0-9.]+) ms.*?Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)", Pattern.DOTALL);

    private EventLatency() {
    }

    static void run(Suite s, Report report) throws Exception {
        double rate = s.quick ? 10 : 20;
        Duration d = s.seconds(20, 5);
        Map<String, Long> answered = new ConcurrentHashMap<>();
        Map<String, Long> onTopic = new ConcurrentHashMap<>();
        Map<String, Long> timerSeen = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);

        TopicTail tail = new TopicTail(s.stack.kafkaBootstrapServers(), "itsm.incident.events", "IncidentOpened",
                (r, now) -> onTopic.putIfAbsent(r.key(), now));
        Thread poller = new Thread(() -> pollTimers(s, answered, timerSeen, running), "bench-timer-poller");
        poller.start();
        String body = Suite.incidentBody(s.serviceId, "Event latency probe");
        Latency posts = OpenLoad.run(s.http, rate, d, i -> s.post(s.gateway() + "/api/v1/incidents", body),
                (i, r, arrived) -> {
                    if (r.statusCode() == 201) {
                        String location = r.headers().firstValue("Location").orElseThrow();
                        answered.put(location.substring(location.lastIndexOf('/') + 1), arrived);
                    }
                });
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)
                && (!onTopic.keySet().containsAll(answered.keySet()) || !timerSeen.keySet().containsAll(answered.keySet()))) {
            Thread.sleep(50);
        }
        running.set(false);
        tail.close();
        poller.join();

        Histogram topic = Latency.histogram();
        Histogram timer = Latency.histogram();
        long early = 0;
        long missingTopic = 0;
        long missingTimer = 0;
        for (Map.Entry<String, Long> e : answered.entrySet()) {
            Long seen = onTopic.get(e.getKey());
            if (seen == null) {
                missingTopic++;
            } else {
                // the relay can publish before the 201 has travelled back through the gateway
                early += seen < e.getValue() ? 1 : 0;
                topic.recordValue(Math.max(1, (seen - e.getValue()) / 1000));
            }
            Long t = timerSeen.get(e.getKey());
            if (t == null) {
                missingTimer++;
            } else {
                timer.recordValue(Math.max(1, (t - e.getValue()) / 1000));
            }
        }
        Latency a = Latency.of(topic, missingTopic, d.toSeconds());
        Latency b = Latency.of(timer, missingTimer, d.toSeconds());

        int messages = s.quick ? 300 : 3000;
        String e2eOut = endToEnd(s, messages);
        Matcher m = E2E.matcher(e2eOut);
        double[] ref = m.find() ? new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)), Double.parseDouble(m.group(1))} : new double[] {Double.NaN, Double.NaN,
                Double.NaN, Double.NaN};

        report.heading("3. Event latency: POST → IncidentOpened on the topic → SLA timer")
                .text(Report.rate(rate) + " incidents/s through the gateway for " + d.toSeconds() + " s ("
                        + Report.count(posts.requests()) + " POSTs, " + Report.count(posts.errors()) + " errors). "
                        + "(a) a consumer assigned to every partition of itsm.incident.events, polling continuously; "
                        + "(b) a JDBC poll of sla-service's sla_timer table every 2 ms. Both measured from the moment "
                        + "the 201 arrived at the client, so a record the relay publishes before the 201 is back counts "
                        + "as ~0 (" + early + " of them). Reference: kafka-tools EndToEndLatency 4.1.2, " + messages
                        + " records of 1 KB, acks=all, on the same broker (it reports whole milliseconds).");
        report.table("path", "events", "missing", "p50 ms", "p99 ms", "p99.9 ms", "mean ms", "mean vs Kafka")
                .row("Kafka EndToEndLatency (reference)", Report.count(messages), "0", wholeMs(ref[0]),
                        wholeMs(ref[1]), wholeMs(ref[2]), Report.ms(ref[3]), "1.00×")
                .row("(a) 201 → IncidentOpened readable on the topic", Report.count(a.requests()), Report.count(a.errors()),
                        Report.ms(a.p50()), Report.ms(a.p99()), Report.ms(a.p999()), Report.ms(a.mean()),
                        Report.ratio(a.mean(), ref[3]))
                .row("(b) 201 → SLA timer exists in sla-service", Report.count(b.requests()), Report.count(b.errors()),
                        Report.ms(b.p50()), Report.ms(b.p99()), Report.ms(b.p999()), Report.ms(b.mean()),
                        Report.ratio(b.mean(), ref[3]))
                .end();
        report.text("**Mean event latency ÷ Kafka's own: " + Report.ratio(a.mean(), ref[3]) + " to the topic, "
                + Report.ratio(b.mean(), ref[3]) + " to the SLA timer.** Kafka's tool prints whole milliseconds, so "
                + "its percentiles read \"< 1\" where it measured 0; the comparison uses means.");
    }

    /** EndToEndLatency prints whole milliseconds. */
    private static String wholeMs(double v) {
        return Double.isNaN(v) ? "–" : v < 1 ? "< 1" : Report.ms(v);
    }

    private static void pollTimers(Suite s, Map<String, Long> answered, Map<String, Long> seen, AtomicBoolean running) {
        try (Connection c = s.db("itsm_sla");
                PreparedStatement ps = c.prepareStatement("select distinct incident_id from sla_timer where incident_id = any(?)")) {
            while (running.get()) {
                List<UUID> waiting = answered.keySet().stream().filter(id -> !seen.containsKey(id)).map(UUID::fromString)
                        .toList();
                if (!waiting.isEmpty()) {
                    ps.setArray(1, c.createArrayOf("uuid", waiting.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            seen.putIfAbsent(rs.getString(1), now);
                        }
                    }
                }
                LockSupport.parkNanos(2_000_000);
            }
        } catch (Exception e) {
            throw new IllegalStateException("polling sla_timer failed", e);
        }
    }

    private static String endToEnd(Suite s, int messages) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.EndToEndLatency", s.stack.kafkaBootstrapServers(), "bench.e2e-latency",
                String.valueOf(messages), "all", "1024");
        System.out.println("    kafka EndToEndLatency: " + messages + " records");
        String out = Procs.run(cmd, null, Duration.ofMinutes(3));
        Files.writeString(s.raw.resolve("kafka-end-to-end-latency.txt"), String.join(" ", cmd) + "\n\n" + out);
        return out;
    }
}
