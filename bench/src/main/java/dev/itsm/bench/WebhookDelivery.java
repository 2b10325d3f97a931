package dev.itsm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Table 7: webhook-service delivering incident events to a local receiver that answers 204 at
 * once. (a) Throughput: a backlog of incidents is built up while its deliveries cannot go out (the
 * subscription paused; webhook-service stopped, so the events wait on Kafka), then released, and
 * the receiver counts deliveries per second. (b) Latency at a moderate
 * fixed rate: per event, from its record's Kafka timestamp to the receiver's 2xx, next to Kafka's
 * own end-to-end latency for the very same records (timestamp → a plain consumer in this process).
 * Both are wall-clock differences on one machine: the record timestamp (whole milliseconds, set by
 * the relay's producer) is the common start, so its truncation shifts both columns alike.
 */
final class WebhookDelivery {

    static final String SERVICE = "webhook-service";
    static final String TOPIC = "itsm.incident.events";

    private WebhookDelivery() {
    }

    static void run(Suite s, Report report) throws Exception {
        if (!s.stack.has(SERVICE)) {
            throw new IllegalStateException(SERVICE + " is not part of the stack (deploy's Component list)");
        }
        StringBuilder raw = new StringBuilder();
        try (Receiver receiver = new Receiver()) {
            String subscription = subscribe(s, receiver.url());
            raw.append("subscription ").append(subscription).append(" -> ").append(receiver.url()).append('\n');
            warmUp(s, receiver, s.quick ? 100 : 500);
            int n = s.quick ? 300 : 2000;
            Throughput paused = throughput(s, receiver, subscription, Backlog.PAUSED, n, raw);
            EndToEnd b = latency(s, receiver, raw);
            Throughput stopped = throughput(s, receiver, subscription, Backlog.STOPPED, n, raw);
            s.http.send(s.delete(s.gateway() + "/api/v1/webhooks/subscriptions/" + subscription),
                    HttpResponse.BodyHandlers.discarding());

            report.heading("7. Webhook delivery: incident events → a local HTTP receiver")
                    .text("One subscription to `dev.itsm.incident.*` whose target is a receiver in the bench process "
                            + "(JDK HttpServer on 127.0.0.1, 204 at once, no signature check); " + (s.quick ? 100 : 500)
                            + " incidents delivered first as a warm-up. (a) Throughput: a backlog of " + Report.count(n)
                            + " incidents is opened through the gateway (" + BURST_CONNECTIONS + " requests at a time) "
                            + "while nothing of it can be delivered — the subscription paused (webhook-service consumes the "
                            + "events and queues their deliveries), or webhook-service stopped (the events wait on Kafka) — "
                            + "then it is resumed, or started; deliveries/s counted at the receiver over the backlog's "
                            + "events, from the first to the last delivery, and from the resume (or the moment the "
                            + "restarted service reported ready), once the other services have done their share of the "
                            + "burst (SLA timers, replicas). The stopped case includes consuming and storing the events and "
                            + "a JVM started cold. (b) Latency: " + Report.rate(b.rate()) + " incidents/s for "
                            + b.seconds() + " s with the service running and subscribed; per event, the receiver's 2xx "
                            + "minus the record's Kafka timestamp, next to a plain Kafka consumer in the bench process "
                            + "receiving the same records (the floor any Kafka consumer pays). Wall-clock differences on one "
                            + "machine, whole-millisecond record timestamps. All on the same 2 cores as the rest of the suite.");
            Report.Table a = report.table("(a) throughput", "incidents (POST 201)", "events, all delivered", "duplicates",
                    "first → last", "deliveries/s", "start → last", "deliveries/s from start");
            for (Throughput t : List.of(paused, stopped)) {
                a.row(t.backlog().label, Report.count(t.created()) + (t.created() == t.attempted() ? ""
                                : " of " + Report.count(t.attempted())), Report.count(t.expected()),
                        Report.count(t.duplicates()), Report.seconds(t.firstToLast()),
                        Report.rate(t.expected() / t.firstToLast()), Report.seconds(t.startToLast()),
                        Report.rate(t.expected() / t.startToLast()));
            }
            a.end();
            report.table("(b) latency from the record's timestamp", "events", "missing", "p50 ms", "p95 ms", "p99 ms",
                            "mean ms", "mean vs Kafka")
                    .row("Kafka: a plain consumer receives the record (reference)", Report.count(b.kafka().getTotalCount()),
                            "0", ms(b.kafka(), 50), ms(b.kafka(), 95), ms(b.kafka(), 99), Report.ms(b.kafka().getMean() / 1000),
                            "1.00×")
                    .row("webhook: the receiver answered 2xx", Report.count(b.webhook().getTotalCount()),
                            Report.count(b.missing()), ms(b.webhook(), 50), ms(b.webhook(), 95), ms(b.webhook(), 99),
                            Report.ms(b.webhook().getMean() / 1000), Report.ratio(b.webhook().getMean(), b.kafka().getMean()))
                    .end();
            report.text("**Added by webhook-service over Kafka's own delivery: "
                    + Report.ms((b.webhook().getValueAtPercentile(50) - b.kafka().getValueAtPercentile(50)) / 1000.0)
                    + " ms at the median, " + Report.ms((b.webhook().getValueAtPercentile(99) - b.kafka().getValueAtPercentile(99)) / 1000.0)
                    + " ms at p99.**");
        } finally {
            Files.writeString(s.raw.resolve("webhook-delivery.txt"), raw.toString());
        }
    }

    static String subscribe(Suite s, String url) throws Exception {
        String body = "{\"name\":\"bench receiver\",\"targetUrl\":\"" + url + "\",\"eventTypes\":[\"dev.itsm.incident.*\"]}";
        return s.call(s.post(s.gateway() + "/api/v1/webhooks/subscriptions", body), 201).get("id").asText();
    }

    /** How the backlog waits while the incidents are opened. */
    enum Backlog {
        /** The subscription is paused: webhook-service consumes the events and queues their deliveries; then resumed. */
        PAUSED("subscription paused, then resumed", "resume"),
        /** webhook-service is stopped: the events wait on Kafka; then it is started (a cold JVM). */
        STOPPED("webhook-service stopped, then started", "ready");

        final String label;
        final String start;

        Backlog(String label, String start) {
            this.label = label;
            this.start = start;
        }
    }

    record Throughput(Backlog backlog, long attempted, long created, double burstRate, long expected, long duplicates,
            double firstToLast, double startToLast) {
    }

    /**
     * (a): the backlog is built up before a single delivery of it is made, so the rate is webhook-service's own, not
     * the write path's.
     */
    static Throughput throughput(Suite s, Receiver receiver, String subscription, Backlog how, int n, StringBuilder raw)
            throws Exception {
        Set<String> onTopic = ConcurrentHashMap.newKeySet();
        Set<String> openedFor = ConcurrentHashMap.newKeySet();
        Set<String> created = ConcurrentHashMap.newKeySet();
        s.awaitQuiet(Duration.ofSeconds(s.quick ? 60 : 180)); // an earlier backlog is not this one's
        String base = s.gateway() + "/api/v1/webhooks/subscriptions/" + subscription;
        if (how == Backlog.PAUSED) {
            s.call(s.post(base + "/pause", ""), 200);
        } else {
            s.stack.faults().stop(SERVICE);
        }
        receiver.reset();
        double rate;
        try (TopicTail tail = new TopicTail(s.stack.kafkaBootstrapServers(), TOPIC, "", (r, now) -> {
            onTopic.add(header(r, "ce_id"));
            if (header(r, "ce_type").endsWith(".IncidentOpened")) {
                openedFor.add(r.key());
            }
        })) {
            String body = Suite.incidentBody(s.serviceId, "Webhook throughput probe");
            System.out.println("    " + how.label + ": " + n + " incidents, " + BURST_CONNECTIONS + " at a time");
            long began = System.nanoTime();
            Map<Integer, Integer> statuses = burst(s, n, body, created);
            rate = n / ((System.nanoTime() - began) / 1e9);
            raw.append("(a, ").append(how).append(") POSTs by status: ").append(statuses).append(" at ").append(rate)
                    .append("/s\n");
            await(() -> openedFor.containsAll(created), Duration.ofSeconds(120), "every IncidentOpened on the topic");
        }
        Set<String> expected = Set.copyOf(onTopic);
        // the other services' share of the burst (SLA timers, replicas) done first: the drain has the cores to itself
        s.awaitQuiet(Duration.ofSeconds(s.quick ? 60 : 180));
        long start;
        if (how == Backlog.PAUSED) {
            try (Connection db = s.db("itsm_webhook")) {
                String pending = "select count(*) from delivery where state = 'PENDING' and subscription_id = '" + subscription + "'";
                await(() -> Suite.count(db, pending) >= expected.size(), Duration.ofSeconds(s.quick ? 120 : 600),
                        "every delivery of the backlog queued");
            }
            start = System.nanoTime();
            s.call(s.post(base + "/resume", ""), 200);
        } else {
            long restart = System.nanoTime();
            s.stack.faults().restart(SERVICE);
            start = System.nanoTime();
            raw.append("(a, STOPPED) webhook-service ready after ").append((start - restart) / 1_000_000).append(" ms\n");
        }
        System.out.println("    draining " + expected.size() + " events");
        await(() -> receiver.seen().containsAll(expected), Duration.ofSeconds(s.quick ? 120 : 600), "every event delivered");
        // the backlog's events only: a later event (or an older one still pending) does not stretch the window
        long first = expected.stream().mapToLong(id -> receiver.arrival(id).nanos()).min().orElseThrow();
        long last = expected.stream().mapToLong(id -> receiver.arrival(id).nanos()).max().orElseThrow();
        raw.append("(a, ").append(how).append(") ").append(expected.size()).append(" events, delivered ")
                .append(receiver.seen().size()).append(" (all incident events), duplicates ").append(receiver.duplicates())
                .append(", first→last ").append((last - first) / 1e9).append(" s, ").append(how.start).append("→last ")
                .append((last - start) / 1e9).append(" s\n");
        return new Throughput(how, n, created.size(), rate, expected.size(), receiver.duplicates(), (last - first) / 1e9,
                (last - start) / 1e9);
    }

    /** Warms webhook-service's delivery path (its JIT, pools, connections), untimed, like the other sections' warm-ups. */
    static void warmUp(Suite s, Receiver receiver, int n) throws Exception {
        receiver.reset();
        Set<String> created = ConcurrentHashMap.newKeySet();
        System.out.println("    warm-up: " + n + " incidents delivered");
        burst(s, n, Suite.incidentBody(s.serviceId, "Webhook warm-up"), created);
        await(() -> receiver.seen().size() >= created.size(), Duration.ofSeconds(300), "the warm-up delivered");
    }

    /** Enough concurrent POSTs to keep the write path busy without queueing thousands at the gateway. */
    static final int BURST_CONNECTIONS = 16;

    /** {@code n} incidents as fast as the write path takes them, {@link #BURST_CONNECTIONS} at a time; answers by status. */
    static Map<Integer, Integer> burst(Suite s, int n, String body, Set<String> created) throws InterruptedException {
        Semaphore slots = new Semaphore(BURST_CONNECTIONS);
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            s.http.sendAsync(s.post(s.gateway() + "/api/v1/incidents", body), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        statuses.merge(e != null ? -1 : r.statusCode(), 1, Integer::sum);
                        if (e == null) {
                            created(r, created);
                        }
                        slots.release();
                    });
        }
        slots.acquire(BURST_CONNECTIONS);
        return statuses;
    }

    record EndToEnd(double rate, long seconds, Histogram kafka, Histogram webhook, long missing) {
    }

    /** (b): the same records timed at a plain consumer and at the receiver, both from the record's timestamp. */
    static EndToEnd latency(Suite s, Receiver receiver, StringBuilder raw) throws Exception {
        double rate = s.quick ? 5 : 10;
        Duration d = s.seconds(30, 10);
        Map<String, Long> timestampMicros = new ConcurrentHashMap<>();
        Map<String, Long> consumedMicros = new ConcurrentHashMap<>();
        Set<String> openedFor = ConcurrentHashMap.newKeySet();
        s.awaitQuiet(Duration.ofSeconds(s.quick ? 60 : 180));
        receiver.reset();
        try (TopicTail tail = new TopicTail(s.stack.kafkaBootstrapServers(), TOPIC, "", (r, now) -> {
            String id = header(r, "ce_id");
            consumedMicros.putIfAbsent(id, wallMicros());
            timestampMicros.putIfAbsent(id, r.timestamp() * 1000);
            if (header(r, "ce_type").endsWith(".IncidentOpened")) {
                openedFor.add(r.key());
            }
        })) {
            String body = Suite.incidentBody(s.serviceId, "Webhook latency probe");
            Set<String> created = ConcurrentHashMap.newKeySet();
            Latency posts = OpenLoad.run(s.http, rate, d, i -> s.post(s.gateway() + "/api/v1/incidents", body),
                    (i, r, arrived) -> created(r, created));
            raw.append("(b) POSTs: ").append(posts).append('\n');
            await(() -> openedFor.containsAll(created) && receiver.seen().containsAll(consumedMicros.keySet()),
                    Duration.ofSeconds(60), "every event of the latency run delivered");
        }
        Histogram kafka = Latency.histogram();
        Histogram webhook = Latency.histogram();
        long missing = 0;
        for (Map.Entry<String, Long> e : consumedMicros.entrySet()) {
            long start = timestampMicros.get(e.getKey());
            kafka.recordValue(Math.max(1, e.getValue() - start));
            Receiver.Arrival delivered = receiver.arrival(e.getKey());
            if (delivered == null) {
                missing++;
            } else {
                webhook.recordValue(Math.max(1, delivered.wallMicros() - start));
            }
        }
        raw.append("(b) kafka µs p50/p95/p99 ").append(kafka.getValueAtPercentile(50)).append('/')
                .append(kafka.getValueAtPercentile(95)).append('/').append(kafka.getValueAtPercentile(99))
                .append(", webhook µs ").append(webhook.getValueAtPercentile(50)).append('/')
                .append(webhook.getValueAtPercentile(95)).append('/').append(webhook.getValueAtPercentile(99))
                .append(", missing ").append(missing).append('\n');
        return new EndToEnd(rate, d.toSeconds(), kafka, webhook, missing);
    }

    private static void created(HttpResponse<String> r, Set<String> created) {
        if (r.statusCode() == 201) {
            String location = r.headers().firstValue("Location").orElseThrow();
            created.add(location.substring(location.lastIndexOf('/') + 1));
        }
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? "–" : Report.ms(micros.getValueAtPercentile(percentile) / 1000.0);
    }

    /** Wall clock in µs: compared with Kafka record timestamps, which are wall-clock milliseconds. */
    static long wallMicros() {
        Instant now = Clock.systemUTC().instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    interface Condition {
        boolean met() throws Exception;
    }

    private static void await(Condition condition, Duration max, String what) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not within " + max.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** The subscriber: 204 at once, the first arrival of each webhook-id timed, repeats counted. */
    static final class Receiver implements AutoCloseable {

        /** When a webhook-id first arrived: wall clock (against record timestamps) and nanoTime (for rates). */
        record Arrival(long wallMicros, long nanos) {
        }

        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
        private final AtomicLong duplicates = new AtomicLong();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.createContext("/", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/bench/hooks";
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String type = exchange.getRequestHeaders().getFirst("ce-type");
                if (id != null && type != null && type.startsWith("dev.itsm.incident.")) {
                    if (arrivals.putIfAbsent(id, new Arrival(wallMicros(), System.nanoTime())) != null) {
                        duplicates.incrementAndGet();
                    }
                }
                exchange.sendResponseHeaders(204, -1);
            }
        }

        void reset() {
            arrivals.clear();
            duplicates.set(0);
        }

        Set<String> seen() {
            return arrivals.keySet();
        }

        Arrival arrival(String id) {
            return arrivals.get(id);
        }

        long duplicates() {
            return duplicates.get();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
